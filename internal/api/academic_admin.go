package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

const (
	msgAcademicStaff  = "You don't have permission to manage academic plans. This action requires the Institution Admin role."
	msgAcademicShared = "You don't have permission to change grades and streams. This action requires System Manager role."
)

// The academic structure (authoring.Service): grades and streams (System Managers), plans
// and their rows (Institution Admins and Content Managers of the institution). Seasons are
// season.* (season_admin.go).
func (a *API) registerAcademicAdmin(rt *httpx.Router) {
	plans := roles(ContentManager, InstitutionAdmin, SystemManager).refusing(msgAcademicStaff)
	shared := systemOnly.refusing(msgAcademicShared)
	a.readAs(rt, "academic", "get_structure", "Streams, grades, seasons and the plans of the institution (Institution Admin, Content Manager)", plans,
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Staff.Authoring.AcademicStructure(r.Context(), caller(r, who))
		})
	a.mutationAs(rt, "academic", "save_stream", "Create or replace a stream (doc in the import format; System Manager)", shared,
		saveDoc(a.Staff.Authoring.SaveStream))
	a.mutationAs(rt, "academic", "save_grade", "Create or replace a grade and its streams (doc in the import format; System Manager)", shared,
		saveDoc(a.Staff.Authoring.SaveGrade))
	a.mutationAs(rt, "academic", "delete_stream", "Delete a stream no student, plan, store item or grade names (System Manager)", shared,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "stream")
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.DeleteStream(r.Context(), caller(r, who), id)
		})
	a.mutationAs(rt, "academic", "delete_grade", "Delete a grade no student, plan or store item names (System Manager)", shared,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "grade")
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.DeleteGrade(r.Context(), caller(r, who), id)
		})
	a.mutationAs(rt, "academic", "save_plan", "Create or replace a plan and its subject rows (doc in the import format; Institution Admin, Content Manager)", plans,
		saveDoc(a.Staff.Authoring.SavePlan))
	a.mutationAs(rt, "academic", "delete_plan", "Delete a plan and its rows (Institution Admin, Content Manager)", plans,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "plan")
			if err != nil {
				return nil, err
			}
			return done, a.Staff.Authoring.DeletePlan(r.Context(), caller(r, who), id)
		})
}
