package generator

func (b *builder) writeSearch(sink Sink) error    { return nil }
func (b *builder) writeCalendars(sink Sink) error { return nil }
