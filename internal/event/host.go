package event

// Host names the machine an event came from, across the common shapes:
// Windows Computer, flat exports' Hostname, ECS host.name, auditd's node.
// It is "" when none is present.
func Host(ev Event) string {
	for _, f := range [...]string{"Computer", "Hostname", "host.name", "hostname", "host", "node"} {
		if v, ok := ev.Get(f); ok {
			if s, ok := v.Text(); ok && s != "" {
				return s
			}
		}
	}
	return ""
}
