package browsertest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// wsServer is the server end of one test WebSocket, written frame by frame.
type wsServer struct {
	conn net.Conn
	rw   *bufio.ReadWriter
}

// serveWS starts a loopback server that accepts one WebSocket and hands its
// server end to script; it returns the ws:// URL to dial.
func serveWS(t *testing.T, script func(s *wsServer)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "websocket" || r.Header.Get("Sec-WebSocket-Version") != "13" {
			http.Error(w, "not a websocket request", http.StatusBadRequest)
			return
		}
		conn, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
			"Sec-WebSocket-Accept: " + acceptKey(r.Header.Get("Sec-WebSocket-Key")) + "\r\n\r\n")
		rw.Flush()
		script(&wsServer{conn: conn, rw: rw})
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/devtools/browser/x"
}

// send writes one unmasked frame, as a server does.
func (s *wsServer) send(fin bool, op byte, payload []byte) {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	hdr := []byte{b0}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, byte(n))
	case n <= 0xFFFF:
		hdr = binary.BigEndian.AppendUint16(append(hdr, 126), uint16(n))
	default:
		hdr = binary.BigEndian.AppendUint64(append(hdr, 127), uint64(n))
	}
	s.rw.Write(append(hdr, payload...))
	s.rw.Flush()
}

// recv reads one client frame and reports whether it was masked.
func (s *wsServer) recv(t *testing.T) (op byte, masked bool, payload []byte) {
	c := &wsConn{br: s.rw.Reader}
	// readFrame unmasks; peek at the mask bit first.
	head, err := s.rw.Reader.Peek(2)
	if err != nil {
		t.Errorf("server: %v", err)
		return 0, false, nil
	}
	masked = head[1]&0x80 != 0
	_, op, payload, err = c.readFrame()
	if err != nil {
		t.Errorf("server: %v", err)
	}
	return op, masked, payload
}

func dialTestWS(t *testing.T, url string) *wsConn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := dialWS(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.conn.Close() })
	return c
}

func TestWebSocketJoinsFragmentsAndAnswersPingsBetweenThem(t *testing.T) {
	pong := make(chan []byte, 1)
	url := serveWS(t, func(s *wsServer) {
		s.send(false, opText, []byte(`{"id":1,`))
		s.send(true, opPing, []byte("are you there"))
		s.send(false, opContinuation, []byte(`"result":`))
		s.send(true, opContinuation, []byte(`{}}`))
		op, masked, payload := s.recv(t)
		if op != opPong || !masked {
			t.Errorf("client answered ping with opcode %#x masked=%v", op, masked)
		}
		pong <- payload
	})
	c := dialTestWS(t, url)
	msg, err := c.ReadMessage()
	if err != nil || string(msg) != `{"id":1,"result":{}}` {
		t.Fatalf("ReadMessage() = %q, %v", msg, err)
	}
	if got := <-pong; string(got) != "are you there" {
		t.Errorf("pong payload %q, want the ping's", got)
	}
}

func TestWebSocketSendsMaskedFramesOfEveryLengthForm(t *testing.T) {
	sizes := []int{5, 300, 70000} // 7-bit, 16-bit and 64-bit lengths
	got := make(chan []byte, len(sizes))
	url := serveWS(t, func(s *wsServer) {
		for range sizes {
			op, masked, payload := s.recv(t)
			if op != opText || !masked {
				t.Errorf("client frame opcode %#x masked=%v, want a masked text frame", op, masked)
			}
			got <- payload
			s.send(true, opText, payload) // echo
		}
	})
	c := dialTestWS(t, url)
	for _, n := range sizes {
		want := bytes.Repeat([]byte("字"), n/3+1)[:n]
		if err := c.WriteText(want); err != nil {
			t.Fatal(err)
		}
		if p := <-got; !bytes.Equal(p, want) {
			t.Errorf("server got %d bytes, want the %d sent", len(p), n)
		}
		if echo, err := c.ReadMessage(); err != nil || !bytes.Equal(echo, want) {
			t.Errorf("echo of %d bytes: got %d bytes, %v", n, len(echo), err)
		}
	}
}

func TestWebSocketEchoesCloseAndReportsIt(t *testing.T) {
	echoed := make(chan []byte, 1)
	url := serveWS(t, func(s *wsServer) {
		s.send(true, opClose, []byte{0x03, 0xE9, 'b', 'y', 'e'}) // 1001: going away
		op, _, payload := s.recv(t)
		if op != opClose {
			t.Errorf("client answered close with opcode %#x", op)
		}
		echoed <- payload
	})
	c := dialTestWS(t, url)
	if _, err := c.ReadMessage(); !errors.Is(err, errClosed) {
		t.Fatalf("ReadMessage() error = %v, want errClosed", err)
	}
	if got := <-echoed; !bytes.Equal(got, []byte{0x03, 0xE9}) {
		t.Errorf("close echo payload %v, want the status code 1001", got)
	}
}

func TestWebSocketRejectsAContinuationWithoutAMessage(t *testing.T) {
	url := serveWS(t, func(s *wsServer) {
		s.send(true, opContinuation, []byte("stray"))
		io.Copy(io.Discard, s.rw) // until the client hangs up
	})
	c := dialTestWS(t, url)
	_, err := c.ReadMessage()
	if want := "websocket: continuation frame without a message"; err == nil || err.Error() != want {
		t.Errorf("ReadMessage() error = %v, want %q", err, want)
	}
}

func TestWebSocketHandshakeFailsOnARefusal(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	_, err := dialWS(context.Background(), "ws"+strings.TrimPrefix(srv.URL, "http")+"/")
	if want := "websocket handshake: server answered 404 Not Found"; err == nil || err.Error() != want {
		t.Errorf("dialWS error = %v, want %q", err, want)
	}
}
