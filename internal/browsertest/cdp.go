package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// callTimeout bounds every DevTools call, so a hung browser fails a test
// instead of hanging go test.
const callTimeout = 20 * time.Second

// message is a command sent to the browser.
type message struct {
	ID        int64  `json:"id"`
	SessionID string `json:"sessionId,omitempty"`
	Method    string `json:"method"`
	Params    any    `json:"params,omitempty"`
}

// incoming is a message from the browser: a command's reply (ID, Result or
// Error) or an event (Method, Params).
type incoming struct {
	ID        int64           `json:"id"`
	SessionID string          `json:"sessionId"`
	Method    string          `json:"method"`
	Params    json.RawMessage `json:"params"`
	Result    json.RawMessage `json:"result"`
	Error     *protocolError  `json:"error"`
}

// protocolError is the error a command's reply carries.
type protocolError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    string `json:"data,omitempty"`
}

func (e *protocolError) Error() string {
	if e.Data != "" {
		return fmt.Sprintf("%s (%d): %s", e.Message, e.Code, e.Data)
	}
	return fmt.Sprintf("%s (%d)", e.Message, e.Code)
}

// eventHandler receives a session's events on the reader goroutine; it must
// not block and must not call back into the connection.
type eventHandler func(method string, params json.RawMessage)

// cdpConn multiplexes commands and events over one WebSocket: one reader
// goroutine routes replies to waiting callers by ID and events to the
// handler of their session.
type cdpConn struct {
	ws *wsConn

	mu       sync.Mutex
	nextID   int64
	pending  map[int64]chan incoming
	sessions map[string]eventHandler
	err      error         // why the reader stopped, once it has
	done     chan struct{} // closed when the reader stops
}

// newCDPConn starts the reader goroutine on ws.
func newCDPConn(ws *wsConn) *cdpConn {
	c := &cdpConn{
		ws:       ws,
		pending:  make(map[int64]chan incoming),
		sessions: make(map[string]eventHandler),
		done:     make(chan struct{}),
	}
	go c.readLoop()
	return c
}

// readLoop dispatches messages until the connection fails, then fails every
// waiting call.
func (c *cdpConn) readLoop() {
	var err error
	for {
		var data []byte
		if data, err = c.ws.ReadMessage(); err != nil {
			break
		}
		var msg incoming
		if err = json.Unmarshal(data, &msg); err != nil {
			err = fmt.Errorf("devtools: bad message: %w", err)
			break
		}
		c.dispatch(msg)
	}
	c.mu.Lock()
	c.err = fmt.Errorf("devtools connection lost: %w", err)
	c.pending = nil
	c.mu.Unlock()
	close(c.done)
}

// dispatch hands a reply to its caller or an event to its session's handler.
func (c *cdpConn) dispatch(msg incoming) {
	c.mu.Lock()
	if msg.ID != 0 {
		ch := c.pending[msg.ID]
		delete(c.pending, msg.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- msg // buffered: never blocks
		}
		return
	}
	h := c.sessions[msg.SessionID]
	c.mu.Unlock()
	if h != nil && msg.Method != "" {
		h(msg.Method, msg.Params)
	}
}

// subscribe routes the events of sessionID to h; a nil h unsubscribes.
func (c *cdpConn) subscribe(sessionID string, h eventHandler) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h == nil {
		delete(c.sessions, sessionID)
		return
	}
	c.sessions[sessionID] = h
}

// call sends method with params to sessionID ("" for the browser) and decodes
// the reply's result into result (when non-nil), waiting at most timeout.
func (c *cdpConn) call(sessionID, method string, params, result any, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ch := make(chan incoming, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return fmt.Errorf("%s: %w", method, c.err)
	}
	c.nextID++
	id := c.nextID
	c.pending[id] = ch
	c.mu.Unlock()

	data, err := json.Marshal(message{ID: id, SessionID: sessionID, Method: method, Params: params})
	if err == nil {
		err = c.ws.WriteText(data)
	}
	if err != nil {
		c.forget(id)
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case reply := <-ch:
		return decodeReply(method, reply, result)
	case <-c.done:
		return fmt.Errorf("%s: %w", method, c.err)
	case <-ctx.Done():
		c.forget(id)
		return fmt.Errorf("%s: no reply within %v", method, timeout)
	}
}

// forget drops a call whose reply will never be waited for.
func (c *cdpConn) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, id)
}

// decodeReply turns a reply into an error or a decoded result.
func decodeReply(method string, reply incoming, result any) error {
	if reply.Error != nil {
		return fmt.Errorf("%s: %w", method, reply.Error)
	}
	if result == nil {
		return nil
	}
	if err := json.Unmarshal(reply.Result, result); err != nil {
		return fmt.Errorf("%s: decoding result: %w", method, err)
	}
	return nil
}

// close shuts the WebSocket and waits for the reader to stop.
func (c *cdpConn) close() {
	c.ws.Close()
	<-c.done
}
