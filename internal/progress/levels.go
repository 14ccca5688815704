package progress

import "math"

// Level is the original's level of xp (§3.5): 1 at 0 XP, else floor(0.07·√xp) + 1. The
// float arithmetic is kept on purpose: at exactly 10000 XP it gives 7.000…1, level 8.
func Level(xp int64) int {
	if xp <= 0 {
		return 1
	}
	return int(0.07*math.Sqrt(float64(xp))) + 1
}

// Band is where xp sits inside its level: the level starts at Start XP and the next one at
// Next; Progress is the whole percentage of the way.
type Band struct {
	Level     int
	Start     int64
	Next      int64
	XPInLevel int64
	XPToNext  int64
	Progress  int
}

// BandOf computes the band of xp as the original does (float thresholds truncated).
func BandOf(xp int64) Band {
	level := Level(xp)
	start := int64(math.Pow(float64(level-1)/0.07, 2))
	next := int64(math.Pow(float64(level)/0.07, 2))
	b := Band{Level: level, Start: start, Next: next, XPInLevel: xp - start, XPToNext: next - start}
	if b.XPToNext > 0 {
		b.Progress = int(float64(b.XPInLevel) / float64(b.XPToNext) * 100)
	}
	return b
}

// Title is a level's title in Arabic (the original's) and English.
type Title struct {
	AR string
	EN string
}

// titles are the original's five, the last one for every level from 5 up.
var titles = [...]Title{
	{"مستكشف مبتدئ", "Beginner Explorer"},
	{"مغامر تاريخي", "History Adventurer"},
	{"حارس الذاكرة", "Memory Keeper"},
	{"أستاذ الزمان", "Master of Time"},
	{"أسطورة الأردن", "Legend of Jordan"},
}

// TitleOf returns the title of level.
func TitleOf(level int) Title {
	i := min(max(level-1, 0), len(titles)-1)
	return titles[i]
}
