package api_test

import (
	"context"

	"memora/internal/store"
)

// The matrix cases of people administration.
func init() {
	inInst := func(_ *fixture, inst string) map[string]any { return map[string]any{"institution": inst} }
	addCases(map[string]matrixCase{
		"people.get_users": {params: inInst},
		"people.create_user": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"email": "new" + f.next() + "@" + inst + ".test", "institution": inst, "roles": []string{"Teacher"}}
		}},
		"people.set_user_enabled": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID, "enabled": false}
		}},
		"people.set_user_role": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID, "role": "Teacher", "grant": true}
		}},
		"people.issue_password_reset": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID}
		}},
		"people.get_join_codes":   {params: inInst},
		"people.create_join_code": {params: inInst},
		"people.disable_join_code": {params: func(f *fixture, inst string) map[string]any {
			code := "MATRIX" + f.next()
			must(f.t, f.env.Store.JoinCodeInsert(context.Background(), store.JoinCode{Code: code, InstitutionID: inst,
				Role: store.RoleStudent, CreatedBy: "test", CreatedAt: f.env.Clock.Now()}))
			return map[string]any{"code": code}
		}},
		"people.get_user_data": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID}
		}},
		"people.erase_user": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"user_id": f.user(inst).ID}
		}},
		"people.get_institution": {params: inInst},
		"people.update_institution": {params: func(_ *fixture, inst string) map[string]any {
			return map[string]any{"institution": inst, "name": "Renamed " + inst, "time_zone": "Asia/Amman"}
		}},
	})
}

// user makes a student of inst.
func (f *fixture) user(inst string) store.User {
	return f.env.CreateUser("person"+f.next()+"@"+inst+".test", inst)
}
