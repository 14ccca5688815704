package revlog

import (
	"strings"
	"testing"
	"time"

	"memora/internal/srs"
)

func TestReadParsesThePyFSRSFormat(t *testing.T) {
	in := "\ufeffcard_id,review_rating,review_time,review_duration\n" +
		"17,3,2024-03-29T20:32:32.25+00:00,25060\n" +
		"17,1,2024-03-29T20:32:32.25+00:00,\n"
	rows, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Review{Card: "17", Rating: srs.Good, At: time.Date(2024, 3, 29, 20, 32, 32, 250_000_000, time.UTC), DurationMs: 25060, Row: 1}
	if len(rows) != 2 || rows[0].Card != want.Card || rows[0].Rating != want.Rating || !rows[0].At.Equal(want.At) ||
		rows[0].DurationMs != want.DurationMs || rows[0].Row != 1 {
		t.Fatalf("rows %+v", rows)
	}
	if rows[1].DurationMs != 0 || rows[1].Rating != srs.Again {
		t.Errorf("second row %+v", rows[1])
	}
	// Equal times keep file order.
	if !Before(rows[0], rows[1]) || Before(rows[1], rows[0]) {
		t.Error("Before does not fall back to the row")
	}
}

func TestReadRejectsMalformedLogs(t *testing.T) {
	for name, in := range map[string]string{
		"header":  "id,rating,time,duration\n",
		"rating":  "card_id,review_rating,review_time,review_duration\n1,0,2024-01-01T10:00:00Z,1\n",
		"time":    "card_id,review_rating,review_time,review_duration\n1,3,2024-01-01,1\n",
		"columns": "card_id,review_rating,review_time,review_duration\n1,3,2024-01-01T10:00:00Z\n",
	} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
