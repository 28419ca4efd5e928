package generator

func (b *builder) writeSearch(sink Sink) error    { return nil }
