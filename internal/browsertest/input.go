package browsertest

import "fmt"

// clickPointJS scrolls the element matching a selector into view and returns
// its centre, and whether a click there would reach the element itself.
const clickPointJS = `(sel) => {
	const el = document.querySelector(sel);
	if (!el) return null;
	el.scrollIntoView({block: "center", inline: "center"});
	const r = el.getBoundingClientRect();
	const x = r.left + r.width / 2, y = r.top + r.height / 2;
	const hit = r.width > 0 && r.height > 0 ? document.elementFromPoint(x, y) : null;
	return {x, y, hittable: !!hit && (hit === el || el.contains(hit))};
}`

// focusJS focuses the element matching a selector and reports the outcome.
const focusJS = `(sel) => {
	const el = document.querySelector(sel);
	if (!el) return "missing";
	el.focus();
	return document.activeElement === el ? "ok" : "unfocusable";
}`

// Click clicks the first element matching selector with real mouse events
// at its centre. When the element has no box or something covers it, Click
// falls back to the keyboard: focus it and press Enter.
func (p *Page) Click(selector string) error {
	var pt *struct {
		X, Y     float64
		Hittable bool
	}
	if err := p.Eval(jsCall(clickPointJS, selector), &pt); err != nil {
		return fmt.Errorf("click %s: %w", selector, err)
	}
	if pt == nil {
		return fmt.Errorf("click %s: no element matches", selector)
	}
	if !pt.Hittable {
		return p.pressEnter(selector)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		ev := map[string]any{"type": typ, "x": pt.X, "y": pt.Y}
		if typ != "mouseMoved" {
			ev["button"], ev["clickCount"] = "left", 1
		}
		if err := p.call("Input.dispatchMouseEvent", ev, nil); err != nil {
			return fmt.Errorf("click %s: %w", selector, err)
		}
	}
	return nil
}

// pressEnter focuses the element matching selector and presses Enter on it.
func (p *Page) pressEnter(selector string) error {
	if err := p.focus(selector); err != nil {
		return fmt.Errorf("click %s: not visible for the mouse, and %w", selector, err)
	}
	for _, typ := range []string{"keyDown", "keyUp"} {
		ev := map[string]any{"type": typ, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
		if typ == "keyDown" {
			ev["text"] = "\r"
		}
		if err := p.call("Input.dispatchKeyEvent", ev, nil); err != nil {
			return fmt.Errorf("click %s: %w", selector, err)
		}
	}
	return nil
}

// Type focuses the first element matching selector and inserts text as if
// typed (input events fire; no key events).
func (p *Page) Type(selector, text string) error {
	if err := p.focus(selector); err != nil {
		return fmt.Errorf("type into %s: %w", selector, err)
	}
	if err := p.call("Input.insertText", map[string]any{"text": text}, nil); err != nil {
		return fmt.Errorf("type into %s: %w", selector, err)
	}
	return nil
}

// focus moves the keyboard focus to the element matching selector.
func (p *Page) focus(selector string) error {
	var status string
	if err := p.Eval(jsCall(focusJS, selector), &status); err != nil {
		return err
	}
	switch status {
	case "ok":
		return nil
	case "missing":
		return fmt.Errorf("no element matches")
	}
	return fmt.Errorf("the element cannot take focus")
}
