package article

// DateError is a date that cannot be read or does not exist (GK043).
type DateError struct{ Msg string }

func (e *DateError) Error() string { return e.Msg }
