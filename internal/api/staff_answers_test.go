package api_test

import (
	"memora/internal/authoring"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/privacy"
	"memora/internal/shop"
	"memora/internal/teaching"
)

// staffAnswers is the Go type of the "message" of every staff operation (merged into the
// answers table of the OpenAPI test).
var staffAnswers = map[string]any{
	"content.get_subjects":   []authoring.SubjectView{},
	"content.get_tree":       authoring.Tree{},
	"content.get_lesson":     authoring.LessonView{},
	"content.save_subject":   authoring.SubjectView{},
	"content.save_track":     authoring.TrackView{},
	"content.save_unit":      authoring.UnitView{},
	"content.save_topic":     authoring.TopicView{},
	"content.save_lesson":    authoring.LessonView{},
	"content.delete":         "",
	"content.set_published":  "",
	"content.move":           "",
	"content.validate_stage": authoring.StageCheck{},
	"content.import_file":    authoring.ImportResult{},

	"academic.get_structure": authoring.Structure{},
	"academic.save_stream":   authoring.StreamView{},
	"academic.save_grade":    authoring.GradeView{},
	"academic.save_plan":     authoring.PlanView{},
	"academic.delete_plan":   "",
	"academic.delete_grade":  "",
	"academic.delete_stream": "",

	"store.get_admin_items":     []shop.ItemAdminView{},
	"store.save_item":           shop.ItemAdminView{},
	"store.delete_item":         "",
	"store.get_subscriptions":   []shop.SubscriptionAdminView{},
	"store.revoke_subscription": "",

	"jobs.run_now": jobs.RunNowResult{},

	"teaching.get_class":   teaching.Class{},
	"teaching.get_student": teaching.StudentDetail{},
	"teaching.push_review": teaching.PushResult{},

	"people.get_users":            []identity.UserView{},
	"people.create_user":          identity.UserView{},
	"people.set_user_enabled":     identity.UserView{},
	"people.set_user_role":        identity.UserView{},
	"people.issue_password_reset": identity.ResetLink{},
	"people.get_join_codes":       []identity.JoinCodeView{},
	"people.create_join_code":     identity.JoinCodeView{},
	"people.disable_join_code":    identity.JoinCodeView{},
	"people.get_institution":      identity.InstitutionView{},
	"people.update_institution":   identity.InstitutionView{},
	"people.get_user_data":        privacy.Export{},
	"people.erase_user":           privacy.Erased{},
}
