package catalog

import "memora/internal/store"

// SubjectRule is what a plan shows of one subject: the union of its plan rows.
type SubjectRule struct {
	SubjectID   string
	DisplayName string // the first non-empty display name of its rows
	IsMandatory bool   // the first row's flag
	AllUnits    bool   // some row selects all units
	Units       map[string]bool
}

// Includes reports whether the plan shows the unit.
func (r SubjectRule) Includes(unitID string) bool { return r.AllUnits || r.Units[unitID] }

// PlanRules merges a plan's rows per subject, in the order subjects first appear.
func PlanRules(p store.Plan) []SubjectRule {
	var rules []SubjectRule
	index := map[string]int{}
	for _, row := range p.Subjects {
		i, ok := index[row.SubjectID]
		if !ok {
			i = len(rules)
			index[row.SubjectID] = i
			rules = append(rules, SubjectRule{SubjectID: row.SubjectID, IsMandatory: row.IsMandatory, Units: map[string]bool{}})
		}
		r := &rules[i]
		if r.DisplayName == "" {
			r.DisplayName = row.DisplayName
		}
		if row.SelectionType == store.SelectSpecificUnit && row.SpecificUnitID != nil {
			r.Units[*row.SpecificUnitID] = true
		} else if row.SelectionType != store.SelectSpecificUnit {
			r.AllUnits = true
		}
	}
	return rules
}

// findRule returns the rule of a subject.
func findRule(rules []SubjectRule, subjectID string) (SubjectRule, bool) {
	for _, r := range rules {
		if r.SubjectID == subjectID {
			return r, true
		}
	}
	return SubjectRule{}, false
}

// subjectIDs lists the subjects of the rules.
func subjectIDs(rules []SubjectRule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.SubjectID
	}
	return out
}
