package content

import (
	"go.yaml.in/yaml/v3"
)

// decodePeople decodes people.yaml, reporting every bad or unknown key.
func decodePeople(file string, src []byte, diags *Diagnostics) People {
	var p People
	d := &decoder{file: file, rule: "people", diags: diags}
	root := d.mapping(src)
	if root == nil {
		return p
	}
	for _, kv := range d.pairs(root) {
		switch kv[0].Value {
		case "people":
			d.list(kv[1], "people", func(n *yaml.Node) { p.Persons = append(p.Persons, decodePerson(d, n)) })
		case "roles":
			d.list(kv[1], "roles", func(n *yaml.Node) { p.Roles = append(p.Roles, decodeRole(d, n)) })
		default:
			d.warnf(kv[0], "unknown key %q in people.yaml%s", kv[0].Value, suggest(kv[0].Value, []string{"people", "roles"}))
		}
	}
	return p
}

// list calls each for every mapping item of a sequence.
func (d *decoder) list(n *yaml.Node, key string, each func(*yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list, not a %s", key, kindName(n))
		return
	}
	for _, item := range n.Content {
		item = deref(item)
		if item.Kind != yaml.MappingNode {
			d.errorf(item, "each item of %s must be a mapping with at least an id", key)
			continue
		}
		each(item)
	}
}

func decodePerson(d *decoder, n *yaml.Node) *Person {
	x := &Person{Pos: d.pos(n)}
	d.fields(n, "a person", map[string]func(string, *yaml.Node){
		"id":      func(k string, v *yaml.Node) { x.ID = d.str(k, v) },
		"name":    func(k string, v *yaml.Node) { x.Name = d.str(k, v) },
		"role":    func(k string, v *yaml.Node) { x.Role = d.str(k, v) },
		"email":   func(k string, v *yaml.Node) { x.Email = d.str(k, v) },
		"phone":   func(k string, v *yaml.Node) { x.Phone = d.str(k, v) },
		"left":    func(k string, v *yaml.Node) { x.Left = d.date(k, v) },
		"purpose": func(k string, v *yaml.Node) { x.Purpose = d.purpose(k, v) },
		"tasks":   func(_ string, v *yaml.Node) { x.Tasks = decodeTasks(d, v) },
	})
	if x.ID == "" {
		d.errorf(n, "a person needs an id")
	}
	if x.Name == "" {
		x.Name = x.ID
	}
	return x
}

func decodeRole(d *decoder, n *yaml.Node) *Role {
	x := &Role{Pos: d.pos(n)}
	d.fields(n, "a role", map[string]func(string, *yaml.Node){
		"id":      func(k string, v *yaml.Node) { x.ID = d.str(k, v) },
		"name":    func(k string, v *yaml.Node) { x.Name = d.str(k, v) },
		"members": func(k string, v *yaml.Node) { x.Members = d.refs(k, v) },
		"purpose": func(k string, v *yaml.Node) { x.Purpose = d.purpose(k, v) },
		"tasks":   func(_ string, v *yaml.Node) { x.Tasks = decodeTasks(d, v) },
	})
	if x.ID == "" {
		d.errorf(n, "a role needs an id")
	}
	if x.Name == "" {
		x.Name = x.ID
	}
	return x
}
