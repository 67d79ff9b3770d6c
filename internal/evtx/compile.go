package evtx

import "github.com/vigil-sec/vigil/internal/winevent"

// A template definition's BinXML is the same for every record of a chunk
// that uses it; only the substitution values change. compile walks it once
// and keeps what the walk found (names, literal text, element structure) as
// a list of ops; instantiate replays them with each record's values, so the
// names, literal text and layout are not decoded again per record.
//
// Each op is one token of the definition, so replaying charges the token
// budget exactly as decoding did, with the same offsets: records that ran
// out of budget before fail at the same place now, with the same message.

const (
	opSkip       = iota // fragment header, processing instruction
	opEOF               // end of the definition
	opOpen              // new element arg, appended to target's children
	opCloseStart        // end of target's start tag
	opEnd               // end of target (close-empty or end-element)
	opAttr              // new attribute name on target
	opText              // literal text for target (or its current attribute)
	opSub               // substitution arg into target (or its current attribute)
)

// noElem as a target means the element the template is instantiated into.
const noElem = -1

type op struct {
	kind   uint8
	arg    uint16 // opSub: substitution index; opOpen: element it creates
	target int32  // element index within the template, or noElem
	pos    int32  // chunk offset of the token (budget errors name it)
	text   any    // opText: the text; opAttr: the name (a string)
}

// elemShape is one element of the definition: its name and how many child
// elements and attributes the definition gives it, so that one backing
// array per instance can hold all of them.
type elemShape struct {
	name            string
	kids, attrs     int
	kidOff, attrOff int
}

type compiled struct {
	start         int // offset of the definition's BinXML
	ops           []op
	elems         []elemShape
	nKids, nAttrs int
	// spare is an instance kept for the chunk's later records when their
	// trees are not kept (decoder.reuse); usedIn is the record that last
	// took it, so that an instance is never handed out twice in a record
	// (nested, or beside itself).
	spare      []winevent.Element
	spareKids  []*winevent.Element
	spareAttrs []winevent.Attr
	usedIn     uint64
}

// Compiling has its own token allowance per chunk (and per template, the
// per-record budget, which decoding a longer definition would exceed
// anyway): definitions at many distinct offsets must not cost more than a
// bounded walk beyond what the decoding budget already allows.
const compileBudget = 1 << 16

// compiledTemplate returns the compiled definition at body, compiling it on
// first use in this chunk. nil means "decode it the old way": definitions
// that do not compile cleanly (damaged, nested templates, over the
// allowance) go through fragment, which reports their errors as before.
func (d *decoder) compiledTemplate(body, end int) *compiled {
	if c, ok := d.templates[body]; ok {
		return c
	}
	if d.interpretOnly {
		return nil
	}
	ops, shapes := len(d.ops), len(d.shapes)
	c := d.compile(body, end)
	if c == nil {
		d.ops, d.shapes = d.ops[:ops], d.shapes[:shapes]
	} else {
		// The definitions of a chunk share two arrays that the decoder
		// keeps from chunk to chunk; capped slices keep them apart.
		c.ops = d.ops[ops:len(d.ops):len(d.ops)]
		c.elems = d.shapes[shapes:len(d.shapes):len(d.shapes)]
		c.layout()
	}
	d.templates[body] = c
	return c
}

// instance builds the elements of one instantiation, all in shared backing
// arrays (three allocations instead of several per element). Slices are
// capped at each element's own share, so appends beyond it (children from
// nested BinXML) reallocate rather than overwrite a neighbour.
func (c *compiled) instance() []winevent.Element {
	elems, kids, attrs := c.alloc()
	c.shape(elems, kids, attrs)
	return elems
}

func (c *compiled) alloc() ([]winevent.Element, []*winevent.Element, []winevent.Attr) {
	elems := make([]winevent.Element, len(c.elems))
	var kids []*winevent.Element
	var attrs []winevent.Attr
	if c.nKids > 0 {
		kids = make([]*winevent.Element, c.nKids)
	}
	if c.nAttrs > 0 {
		attrs = make([]winevent.Attr, c.nAttrs)
	}
	return elems, kids, attrs
}

// reusedInstance is instance for a record whose tree is dropped once it
// is flattened: the chunk's records share one instance, reset for each.
// Within one record (gen) it hands the spare out once; a second use of
// the definition in the record gets a fresh instance.
func (c *compiled) reusedInstance(gen uint64) []winevent.Element {
	if c.usedIn == gen {
		return c.instance()
	}
	c.usedIn = gen
	if c.spare == nil {
		c.spare, c.spareKids, c.spareAttrs = c.alloc()
	} else {
		clear(c.spare) // values and children of the last record
	}
	c.shape(c.spare, c.spareKids, c.spareAttrs)
	return c.spare
}

// shape names the elements and gives each its share of kids and attrs.
func (c *compiled) shape(elems []winevent.Element, kids []*winevent.Element, attrs []winevent.Attr) {
	for i := range c.elems {
		s := &c.elems[i]
		elems[i].Name = s.name
		if s.kids > 0 {
			elems[i].Children = kids[s.kidOff : s.kidOff : s.kidOff+s.kids]
		}
		if s.attrs > 0 {
			elems[i].Attrs = attrs[s.attrOff : s.attrOff : s.attrOff+s.attrs]
		}
	}
}
