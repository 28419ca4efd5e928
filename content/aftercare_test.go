package content

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"12": 12, "3.5": 3.5, "3,5": 3.5, "-2": -2, " 85% ": 85, "1e3": 1000} {
		if got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "veel", "1.000,5", "Inf", "NaN", "0x10", "1_000", "3,5,1"} {
		if _, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q): no error", in)
		}
	}
}

func TestParsePurpose(t *testing.T) {
	for in, want := range map[string]string{"verandercoach": "change_champion", "Change Champion": "change_champion",
		"schaduwmanager": "shadow_manager", "proceseigenaar": "process_owner", "sponsor": "sponsor"} {
		if got, ok := ParsePurpose(in); !ok || got != want {
			t.Errorf("ParsePurpose(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParsePurpose("baas"); ok {
		t.Error("ParsePurpose(baas) is a purpose")
	}
}

// TestMeasurementsCSV: separators, header, comments, decimal commas, and a
// diagnostic at line and column for each bad line.
func TestMeasurementsCSV(t *testing.T) {
	pts, diags := ParseMeasurementsCSV("k.csv", []byte("\ufeff# comment\ndatum;waarde\n2026-01-01;3,5\n\n2026-02-01;4\n"))
	if len(diags) != 0 || len(pts) != 2 || pts[0].Value != 3.5 || pts[1].Date.String() != "2026-02-01" || pts[1].Pos.Line != 5 {
		t.Errorf("semicolons: %v %v", pts, diags)
	}
	pts, diags = ParseMeasurementsCSV("k.csv", []byte("2026-01-01,1\n2026-01-02,x\n"))
	if len(pts) != 1 || len(diags) != 1 || diags[0].Pos.Line != 2 || diags[0].Pos.Col != 12 || diags[0].Rule != "front-matter" {
		t.Errorf("bad value: %v %v", pts, diags)
	}
}

// FuzzMeasurementsCSV: any bytes give measurements or diagnostics with a
// line, never a panic.
func FuzzMeasurementsCSV(f *testing.F) {
	for _, s := range []string{"", "date,value\n2026-01-01,1\n", "\"", "a;b;c\n\"x\"y\n", "2026-01-01,1e400\n", "#\n,\n;;\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pts, diags := ParseMeasurementsCSV("k.csv", data)
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.File != "k.csv" || !strings.HasPrefix(d.Message, "measurements: ") {
				t.Fatalf("diagnostic %v", d)
			}
		}
		for _, p := range pts {
			if p.Date.IsZero() {
				t.Fatalf("measurement without date: %v", p)
			}
		}
	})
}
