package content

// Person is someone in people.yaml.
type Person struct {
	ID, Name, Role string
	Email, Phone   string
	Left           Date
	Pos            Pos
	Roles          []*Role // roles this person is a member of
	Purpose        string  // handover purpose: change_champion, process_owner, sponsor, shadow_manager
	Tasks          []Task  // handover tasks with the hours they take
}

// Role is a group of people in people.yaml, referred to like a person.
type Role struct {
	ID, Name string
	Members  []Ref
	Pos      Pos
	Purpose  string // handover purpose, as of a person
	Tasks    []Task // handover tasks of each member
}

// People is the decoded people.yaml.
type People struct {
	Persons []*Person
	Roles   []*Role
}

// Person returns the person with id, or nil.
func (p *People) Person(id string) *Person {
	for _, x := range p.Persons {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// Role returns the role with id, or nil.
func (p *People) Role(id string) *Role {
	for _, x := range p.Roles {
		if x.ID == id {
			return x
		}
	}
	return nil
}
