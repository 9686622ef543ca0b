package browsertest

import (
	"encoding/json"
	"strings"
)

// remoteObject is the part of a DevTools Runtime.RemoteObject we read.
type remoteObject struct {
	Type                string          `json:"type"`
	Value               json.RawMessage `json:"value"`
	UnserializableValue string          `json:"unserializableValue"`
	Description         string          `json:"description"`
}

// String renders the object as the console would print it, on one line.
func (o remoteObject) String() string {
	switch {
	case o.Type == "string":
		var s string
		json.Unmarshal(o.Value, &s)
		return s
	case o.UnserializableValue != "":
		return o.UnserializableValue
	case o.Description != "":
		return firstLine(o.Description)
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return o.Type
}

// exceptionDetails is the part of a DevTools Runtime.ExceptionDetails we read.
type exceptionDetails struct {
	Text      string        `json:"text"`
	Exception *remoteObject `json:"exception"`
}

// String is the exception as a console shows it: "Uncaught Error: boom".
func (d *exceptionDetails) String() string {
	if d.Exception == nil {
		return d.Text
	}
	msg := d.Exception.String()
	if strings.Contains(d.Text, msg) {
		return d.Text // a rejected promise's text already quotes the error
	}
	return d.Text + " " + msg
}

// firstLine drops a stack trace from an error description.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// handleEvent records the events Console and Requests report and wakes
// Navigate on load. It runs on the connection's reader goroutine.
func (p *Page) handleEvent(method string, params json.RawMessage) {
	switch method {
	case "Page.lifecycleEvent":
		var ev struct{ LoaderID, Name string }
		if json.Unmarshal(params, &ev) == nil && ev.Name == "load" {
			p.markLoaded(ev.LoaderID)
		}
	case "Runtime.consoleAPICalled":
		var ev struct {
			Type string
			Args []remoteObject
		}
		if json.Unmarshal(params, &ev) == nil {
			parts := make([]string, len(ev.Args))
			for i, a := range ev.Args {
				parts[i] = a.String()
			}
			p.addConsole("console." + ev.Type + ": " + strings.Join(parts, " "))
		}
	case "Runtime.exceptionThrown":
		var ev struct{ ExceptionDetails exceptionDetails }
		if json.Unmarshal(params, &ev) == nil {
			p.addConsole("exception: " + ev.ExceptionDetails.String())
		}
	case "Log.entryAdded":
		var ev struct {
			Entry struct{ Level, Text, URL string }
		}
		if json.Unmarshal(params, &ev) == nil {
			p.addConsole("log." + ev.Entry.Level + ": " + ev.Entry.Text + " " + ev.Entry.URL)
		}
	case "Network.requestWillBeSent":
		var ev struct{ Request struct{ URL string } }
		if json.Unmarshal(params, &ev) == nil {
			p.addRequest(ev.Request.URL)
		}
	}
}

// markLoaded records that the document of loaderID fired load, and wakes
// every Navigate waiting.
func (p *Page) markLoaded(loaderID string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.loaded[loaderID] = true
	close(p.loadSig)
	p.loadSig = make(chan struct{})
}

// addRequest appends one URL to the request record.
func (p *Page) addRequest(url string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = append(p.requests, url)
}

// addConsole appends one line to the console record.
func (p *Page) addConsole(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.console = append(p.console, strings.TrimSpace(line))
}

// Console returns the console messages, uncaught exceptions and browser log
// entries (failed loads, CSP violations) seen so far, one line each:
// "console.log: hello", "exception: Uncaught Error: boom",
// "log.error: Failed to load resource: … http://…".
func (p *Page) Console() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// Requests returns every URL the page has requested so far, in order,
// including subresources and repeats; tests use it to assert that no
// external host is contacted.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}
