package serve

import (
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

func TestNetworkPreviewAnswersOnlyToThisMachinesNamesAndAllowedOnes(t *testing.T) {
	checkLeaks(t)
	// Listening on every interface; every request below is made in process.
	s, err := Start(Options{Dir: repo(t), Addr: "0.0.0.0:0", AllowHosts: []string{"Preview.Bureau.local"},
		Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.Loopback() {
		t.Fatal("0.0.0.0 counted as loopback")
	}
	hostname, _ := os.Hostname()
	cases := map[string]int{
		"127.0.0.1:1313":            200,
		"localhost":                 200,
		"preview.bureau.local:1313": 200, // --allow-host, any case
		"attacker.example":          403, // a rebound name of somebody else's page
		"attacker.example:1313":     403,
		"203.0.113.9":               403, // an address that is not this machine's
	}
	if hostname != "" {
		cases[hostname+":1313"] = 200
	}
	for host, code := range cases {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/2025/meeting/", nil)
		req.Host = host
		s.ServeHTTP(rec, req)
		if rec.Code != code {
			t.Errorf("Host %s: %d, want %d", host, rec.Code, code)
		}
	}
}
