package atomic

import "testing"

func TestEmbedded(t *testing.T) {
	ix, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Tests) < 300 {
		t.Fatalf("%d techniques", len(ix.Tests))
	}
	win := ix.For("t1059.001", []string{"Windows"})
	if len(win) < 10 {
		t.Fatalf("%d PowerShell tests on Windows", len(win))
	}
	for _, tt := range win {
		if tt.GUID == "" || tt.Name == "" || !overlaps(tt.Platforms, []string{"Windows"}) {
			t.Errorf("%+v", tt)
		}
	}
	if len(ix.For("T1059.001", []string{"Linux"})) >= len(win) {
		t.Error("platform filter")
	}
}
