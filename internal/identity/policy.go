package identity

import (
	_ "embed"
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
	msgPasswordCommon   = "This password is too common and easy to guess. Choose another."
)

// ValidatePassword checks a new password against the policy: at least MinPasswordLength
// characters (and at most MaxPasswordLength), not only spaces, not one character repeated,
// not the account's e-mail address (compared without case; email may be empty), and not
// easy to guess (guessable). It answers a problem (400) saying what to change.
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
	case guessable(password):
		return problem.InvalidMsg(msgPasswordCommon)
	}
	return nil
}

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords are the lines of common_passwords.txt, lower-cased.
var commonPasswords = func() map[string]bool {
	set := map[string]bool{}
	for line := range strings.Lines(commonPasswordsText) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[strings.ToLower(line)] = true
		}
	}
	return set
}()

// guessable says whether a password is one people pick first: a common password (without
// case), or one with only digits and punctuation around it ("password123", "!qwerty2024");
// a run of consecutive characters ("12345678", "abcdefgh", "87654321"); or a short piece
// repeated ("12121212", "abcabcabc").
func guessable(password string) bool {
	lower := strings.ToLower(strings.TrimSpace(password))
	core := strings.TrimFunc(lower, func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
	if commonPasswords[lower] || commonPasswords[core] {
		return true
	}
	runes := []rune(lower)
	return consecutive(runes) || repeatedPiece(runes)
}

// consecutive says whether each character follows the one before it, up or down.
func consecutive(r []rune) bool {
	if len(r) < 2 {
		return false
	}
	step := r[1] - r[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if r[i]-r[i-1] != step {
			return false
		}
	}
	return true
}

// repeatedPiece says whether r is a piece of two to four characters written again and again.
func repeatedPiece(r []rune) bool {
	for n := 2; n <= 4 && 2*n <= len(r); n++ {
		if len(r)%n != 0 {
			continue
		}
		same := true
		for i := n; i < len(r) && same; i++ {
			same = r[i] == r[i-n]
		}
		if same {
			return true
		}
	}
	return false
}

func oneRepeated(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	return strings.TrimLeft(s, string(first)) == ""
}
