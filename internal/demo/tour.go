package demo

// TourAccount is the demo student to sign in as for a tour: reviews due, quests under way, a
// streak and rivals on every board. Start-up output and the sign-in page name it.
const TourAccount = "layla@demo.memora.test"
