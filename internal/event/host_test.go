package event

import "testing"

func TestHost(t *testing.T) {
	cases := []struct {
		ev   Map
		want string
	}{
		{Map{"Computer": "WS03", "Hostname": "other"}, "WS03"},
		{Map{"Computer": "", "Hostname": "h2"}, "h2"},
		{Map{"host": map[string]any{"name": "ecs"}}, "ecs"},
		{Map{"node": "web01"}, "web01"},
		{Map{"User": "eve"}, ""},
	}
	for _, c := range cases {
		if got := Host(c.ev); got != c.want {
			t.Errorf("Host(%v) = %q, want %q", c.ev, got, c.want)
		}
	}
}
