package browsertest

import (
	"fmt"
	"strings"
)

// keyInfo is what Input.dispatchKeyEvent needs to act as a real key press.
type keyInfo struct {
	code string // the physical key, "Tab"
	vk   int    // its Windows virtual key code
	text string // the character it types, if any
}

// namedKeys are the keys Press knows, by their DOM KeyboardEvent.key name.
var namedKeys = map[string]keyInfo{
	"Tab":        {"Tab", 9, ""},
	"Enter":      {"Enter", 13, "\r"},
	"Escape":     {"Escape", 27, ""},
	" ":          {"Space", 32, " "},
	"ArrowLeft":  {"ArrowLeft", 37, ""},
	"ArrowUp":    {"ArrowUp", 38, ""},
	"ArrowRight": {"ArrowRight", 39, ""},
	"ArrowDown":  {"ArrowDown", 40, ""},
	"Home":       {"Home", 36, ""},
	"End":        {"End", 35, ""},
}

// modifierBits are the DevTools modifier flags Press accepts as prefixes.
var modifierBits = map[string]int{"Alt": 1, "Control": 2, "Meta": 4, "Shift": 8}

// Press presses and releases one key on whatever has the focus, as the
// keyboard would: key is a KeyboardEvent.key name ("Tab", "Enter",
// "Escape", " ", "ArrowDown", …), optionally after modifiers joined with
// "+" ("Shift+Tab"). Unlike Click's fallback it does not move the focus
// first, so Press("Tab") walks the page's tab order.
func (p *Page) Press(key string) error {
	parts := strings.Split(key, "+")
	name, mods := parts[len(parts)-1], 0
	for _, m := range parts[:len(parts)-1] {
		bit, ok := modifierBits[m]
		if !ok {
			return fmt.Errorf("press %s: unknown modifier %q", key, m)
		}
		mods |= bit
	}
	info, ok := namedKeys[name]
	if !ok {
		return fmt.Errorf("press %s: unknown key %q", key, name)
	}
	for _, typ := range []string{"keyDown", "keyUp"} {
		ev := map[string]any{"type": typ, "key": name, "code": info.code,
			"windowsVirtualKeyCode": info.vk, "nativeVirtualKeyCode": info.vk, "modifiers": mods}
		if typ == "keyDown" && info.text != "" && mods&^8 == 0 {
			ev["text"] = info.text
		}
		if err := p.call("Input.dispatchKeyEvent", ev, nil); err != nil {
			return fmt.Errorf("press %s: %w", key, err)
		}
	}
	return nil
}
