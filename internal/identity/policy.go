package identity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"memora/internal/problem"
)

// Password policy: long enough to resist guessing at the login rate limit, short enough to
// hash cheaply, and none of the passwords people pick when told "any password".
const (
	MinPasswordLength = 8   // characters
	MaxPasswordLength = 256 // characters
)

// The policy's refusals; their English text is the catalogue key of their Arabic.
const (
	msgPasswordShort    = "The password must have at least 8 characters."
	msgPasswordLong     = "The password must have at most 256 characters."
	msgPasswordBlank    = "The password cannot be only spaces."
	msgPasswordRepeated = "The password cannot be one character repeated."
	msgPasswordIsEmail  = "The password cannot be your e-mail address."
)

// ValidatePassword checks a new password against the policy: at least MinPasswordLength
// characters (and at most MaxPasswordLength), not only spaces, not one character repeated,
// and not the account's e-mail address (compared without case; email may be empty).
// It answers a problem (400) saying what to change.
func ValidatePassword(password, email string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case strings.TrimFunc(password, unicode.IsSpace) == "" && password != "":
		return problem.InvalidMsg(msgPasswordBlank)
	case n < MinPasswordLength:
		return problem.InvalidMsg(msgPasswordShort)
	case n > MaxPasswordLength:
		return problem.InvalidMsg(msgPasswordLong)
	case oneRepeated(password):
		return problem.InvalidMsg(msgPasswordRepeated)
	case email != "" && strings.EqualFold(strings.TrimSpace(password), NormalizeEmail(email)):
		return problem.InvalidMsg(msgPasswordIsEmail)
	}
	return nil
}

func oneRepeated(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	return strings.TrimLeft(s, string(first)) == ""
}
