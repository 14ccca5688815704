package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"memora/internal/authoring"
)

// The import screen: a file (uploaded or pasted) in the import format is first checked with a
// dry run — what it would create and update, counted and listed — and only then imported for
// real, through the same authoring service as the staff API's content.import_file (a Content
// Manager imports their institution's content only).

// maxDeskImport bounds an import sent from the desk (the form and its file).
const maxDeskImport = 16 << 20

type deskImport struct {
	Data   string                  // the file, carried from the check to the import
	Result *authoring.ImportResult // the dry run's or the import's answer
	Error  string
}

func (d *desk) importShow(rw http.ResponseWriter, r *http.Request) {
	d.show(rw, r, http.StatusOK, "import", "desk.import.title", "desk_import", deskImport{})
}

// importRun checks the file with a dry run (op "check") or imports it (op "apply").
func (d *desk) importRun(rw http.ResponseWriter, r *http.Request) {
	op := r.PathValue("op")
	if op != "check" && op != "apply" {
		d.notFoundPage(rw, r)
		return
	}
	l := d.localizer(r)
	data, err := importData(rw, r)
	page := deskImport{Data: data}
	switch {
	case errors.As(err, new(*http.MaxBytesError)):
		page.Error = l.T("desk.import.too_big")
		d.show(rw, r, http.StatusRequestEntityTooLarge, "import", "desk.import.title", "desk_import", page)
		return
	case err != nil:
		d.fail(rw, r, "import", err)
		return
	case strings.TrimSpace(data) == "":
		page.Error = l.T("desk.import.empty")
		d.show(rw, r, http.StatusBadRequest, "import", "desk.import.title", "desk_import", page)
		return
	}
	res, err := d.Authoring.Import(r.Context(), callerOf(r), []byte(data), op == "check")
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page.Error = msg
		d.show(rw, r, status, "import", "desk.import.title", "desk_import", page)
		return
	}
	page.Result = &res
	if !res.DryRun {
		page.Data = ""
	}
	d.show(rw, r, http.StatusOK, "import", "desk.import.title", "desk_import", page)
}

// importData is the uploaded file when there is one, else the pasted text.
func importData(rw http.ResponseWriter, r *http.Request) (string, error) {
	r.Body = http.MaxBytesReader(rw, r.Body, maxDeskImport)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(maxDeskImport); err != nil {
			return "", err
		}
		if f, _, err := r.FormFile("file"); err == nil {
			defer f.Close()
			b, err := io.ReadAll(f)
			if err != nil {
				return "", err
			}
			if len(strings.TrimSpace(string(b))) > 0 {
				return string(b), nil
			}
		}
	}
	return r.PostFormValue("data"), nil
}
