package request

import (
	"slices"

	"github.com/gongkai/gongkai/internal/apperr"
)

// Key names the state in the web layer's messages, for an error that
// mentions it.
func (s State) Key() apperr.Key { return apperr.Key("request.state." + string(s)) }

// Key names the action in the web layer's messages.
func (a Action) Key() apperr.Key { return apperr.Key("request.action." + string(a)) }

// Key names the role in the web layer's messages.
func (r Role) Key() apperr.Key { return apperr.Key("request.role." + string(r)) }

// Key names the channel in the web layer's messages.
func (c Channel) Key() apperr.Key { return apperr.Key("request.channel." + string(c)) }

// Key names the outcome in the web layer's messages, for an error that
// mentions it (its Chinese label, or its English name).
func (o Outcome) Key() apperr.Key { return apperr.Key("request.outcome." + string(o)) }

// States lists every state, sorted by name.
func States() []State {
	out := make([]State, 0, len(stateLabels))
	for s := range stateLabels {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Actions lists every action, sorted by name.
func Actions() []Action {
	out := make([]Action, 0, len(actionLabels))
	for a := range actionLabels {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Roles lists the roles of the workflow.
func Roles() []Role { return []Role{Clerk, Reviewer, Head} }

// roleKeys names roles for a message: any one of them may act.
func roleKeys(rs []Role) []apperr.Key {
	out := make([]apperr.Key, len(rs))
	for i, r := range rs {
		out[i] = r.Key()
	}
	return out
}
