package web

import (
	"net/http"
	"strconv"
	"strings"

	"memora/internal/srs"
	"memora/internal/srsfit"
)

// deskSRSParams is a season's FSRS parameters in the System Manager's institution: the
// mode, the versions with a pin button each, "automatic" and "reset", and the form that
// enters a manual version (docs/srs.md §12).
type deskSRSParams struct {
	Season   string
	Params   srsfit.Versions
	Done     string
	Error    string
	ErrorOp  string // pin, auto, reset, manual
	Manual   []manualWeight
	BadIndex int // the manual weight the error is about, or -1
}

// manualWeight is one input of the manual form: its value as typed and its bounds.
type manualWeight struct {
	Index    int
	Value    string
	Min, Max string
}

// srsParamsDone are the notices after a change (desk.done.*).
var srsParamsDone = []string{"params_pin", "params_auto", "params_reset", "params_manual"}

func (d *desk) srsParams(rw http.ResponseWriter, r *http.Request) {
	d.srsParamsPage(rw, r, http.StatusOK, deskSRSParams{Done: d.flash(r, srsParamsDone...), BadIndex: -1})
}

func (d *desk) srsParamsPage(rw http.ResponseWriter, r *http.Request, status int, page deskSRSParams) {
	page.Season = r.PathValue("season")
	v, err := d.SRSFit.List(r.Context(), callerOf(r), "", page.Season)
	if err != nil {
		d.fail(rw, r, "srs", err)
		return
	}
	page.Params = v
	if page.Manual == nil {
		page.Manual = manualForm(d.localizer(r), inUseWeights(v))
	}
	d.show(rw, r, status, "srs", "desk.params.title", "desk_srs_params", page)
}

// inUseWeights are the weights the manual form starts from: the version in use, else the
// FSRS-6 defaults.
func inUseWeights(v srsfit.Versions) []float64 {
	for _, ver := range v.Versions {
		if ver.InUse && len(ver.Weights) == len(srs.DefaultWeights()) {
			return ver.Weights
		}
	}
	return srs.DefaultWeights()
}

// manualForm is the manual form holding w, its values and bounds in the page's digits (the
// fields take either digit set: decimalNumber).
func manualForm(l Localizer, w []float64) []manualWeight {
	lo, hi := srs.WeightBounds()
	out := make([]manualWeight, len(lo))
	for i := range out {
		out[i] = manualWeight{Index: i, Min: decimalText(l, lo[i]), Max: decimalText(l, hi[i])}
		if i < len(w) {
			// 10 significant digits: a fitted weight's float noise (0.41200000000000003) is
			// not shown, and nothing the scheduler can tell apart is lost.
			v, _ := strconv.ParseFloat(strconv.FormatFloat(w[i], 'g', 10, 64), 64)
			out[i].Value = decimalText(l, v)
		}
	}
	return out
}

// srsParamsChange pins a version, returns to the fits (auto), resets to the defaults or
// enters a manual version; a refusal is shown on the page with its status.
func (d *desk) srsParamsChange(rw http.ResponseWriter, r *http.Request) {
	ctx, c, season, op := r.Context(), callerOf(r), r.PathValue("season"), r.PathValue("op")
	page := deskSRSParams{ErrorOp: op, BadIndex: -1}
	var err error
	switch op {
	case "pin":
		var version int
		if version, err = strconv.Atoi(r.PostFormValue("version")); err != nil || version < 1 {
			d.notFoundPage(rw, r)
			return
		}
		_, err = d.SRSFit.Pin(ctx, c, "", season, version)
	case "auto":
		_, err = d.SRSFit.Pin(ctx, c, "", season, 0)
	case "reset":
		_, err = d.SRSFit.Reset(ctx, c, "", season)
	case "manual":
		lo, _ := srs.WeightBounds()
		weights := make([]float64, len(lo))
		page.Manual = manualForm(d.localizer(r), nil)
		for i := range weights {
			raw := strings.TrimSpace(r.PostFormValue("w" + strconv.Itoa(i)))
			page.Manual[i].Value = raw
			if v, ok := decimalNumber(raw); ok {
				weights[i] = v
			} else if page.BadIndex < 0 {
				page.BadIndex = i
			}
		}
		if page.BadIndex < 0 {
			page.BadIndex = firstOutOfBounds(weights)
		}
		if page.BadIndex >= 0 {
			err = srsfit.WeightOutOfBounds(page.BadIndex)
		} else {
			_, err = d.SRSFit.CreateManual(ctx, c, "", season, weights)
		}
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page.Error = msg
		d.srsParamsPage(rw, r, status, page)
		return
	}
	http.Redirect(rw, r, "/app/srs/params/"+season+"?done=params_"+op, http.StatusSeeOther)
}

// firstOutOfBounds is the index of the first weight outside srs.WeightBounds, or -1.
func firstOutOfBounds(w []float64) int {
	lo, hi := srs.WeightBounds()
	for i, v := range w {
		if !(v >= lo[i] && v <= hi[i]) {
			return i
		}
	}
	return -1
}
