// Package fakevault makes realistic vaults for tests and benchmarks: records
// of the built-in types with plausible names, usernames, passwords, URLs and
// notes, a few groups, edits from three devices that leave history, and some
// deleted records. Everything is built through model.Vault, so the entities
// are what the app itself would store, and a seed gives the same vault each
// time.
package fakevault

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"vaultbar/backend/model"
)

// Devices are the device ids that stamp the generated edits.
var Devices = []string{"d7f3a9c1e2b44f60", "0b8e5d2a91c7f344", "a41c9e07d3b25f18"}

var (
	first    = []string{"anna", "ben", "chloe", "david", "emma", "felix", "grace", "hugo", "iris", "jonas", "kate", "liam", "mia", "noah", "olivia", "paul"}
	last     = []string{"smith", "jones", "garcia", "müller", "rossi", "dubois", "tanaka", "kowalski", "nielsen", "silva"}
	sites    = []string{"github", "gitlab", "amazon", "netflix", "paypal", "google", "dropbox", "slack", "zoom", "airbnb", "booking", "ebay", "reddit", "spotify", "linkedin", "stripe", "figma", "notion", "atlassian", "digitalocean"}
	tlds     = []string{"com", "org", "net", "io", "de", "co.uk", "fr"}
	words    = []string{"remember", "to", "rotate", "this", "key", "shared", "with", "family", "old", "account", "security", "questions", "answer", "is", "blue", "backup", "codes", "stored", "in", "safe", "recovery", "email", "work", "personal"}
	letters  = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*-_"
	typeMix  = []string{"login", "login", "login", "login", "login", "login", "credit-card", "secure-note", "server", "wifi", "identity", "email-account"}
	groupSet = []string{"Work", "Family", "Finance", "Shopping", "Social", "Travel", "Dev"}
)

// Records returns about n record entities plus the groups they use (and the
// built-in seed), sorted by id. The same n and seed give the same vault.
func Records(n int, seed int64) []*model.Entity {
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 0x5eed)), now: time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)}
	clocks := make([]*model.Clock, len(Devices))
	for i, d := range Devices {
		clocks[i] = model.NewClock(d, model.Stamp{}, g.tick)
	}
	v := model.New(clocks[0])
	var groups []string
	for _, name := range groupSet {
		grp, err := v.AddGroup(name)
		must(err)
		groups = append(groups, grp.ID)
	}
	ids := make([]string, 0, n)
	for range n {
		r, err := v.AddRecord(g.record(groups))
		must(err)
		ids = append(ids, r.ID)
	}
	g.editElsewhere(v, clocks, ids)
	for _, id := range ids {
		if g.rng.IntN(50) == 0 {
			must(v.DeleteRecord(id))
		}
	}
	return renumber(v.Entities(), append(groups, ids...), g.rng)
}

type gen struct {
	rng *rand.Rand
	now time.Time
}

// tick is the generator's clock: time moves on a little with each edit.
func (g *gen) tick() time.Time {
	g.now = g.now.Add(time.Duration(1+g.rng.IntN(90_000)) * time.Millisecond)
	return g.now
}

func (g *gen) pick(s []string) string { return s[g.rng.IntN(len(s))] }

func (g *gen) record(groups []string) model.RecordInput {
	typ := g.pick(typeMix)
	site := g.pick(sites)
	user := g.pick(first) + "." + g.pick(last)
	in := model.RecordInput{
		Type:     typ,
		Name:     strings.ToUpper(site[:1]) + site[1:] + " " + g.pick([]string{"", "(work)", "(personal)", "admin", "team"}),
		Favorite: g.rng.IntN(10) == 0,
		Fields:   map[string]string{},
	}
	in.Name = strings.TrimSpace(in.Name)
	if g.rng.IntN(3) == 0 {
		in.Notes = g.sentence(4 + g.rng.IntN(20))
	}
	for range g.rng.IntN(3) {
		in.Groups = append(in.Groups, g.pick(groups))
	}
	switch typ {
	case "login", "email-account":
		in.Fields["username"] = user + "@" + g.pick(sites) + "." + g.pick(tlds)
		in.Fields["email"] = in.Fields["username"]
		in.Fields["password"] = g.password()
		in.Fields["url"] = "https://" + g.pick([]string{"", "www.", "app.", "login."}) + site + "." + g.pick(tlds) + "/" + g.pick([]string{"", "login", "signin", "account"})
	case "credit-card":
		in.Fields["cardholder"] = g.pick(first) + " " + g.pick(last)
		in.Fields["number"] = fmt.Sprintf("4%015d", g.rng.Int64N(1e15))
		in.Fields["expiry"] = fmt.Sprintf("%02d/%02d", 1+g.rng.IntN(12), 25+g.rng.IntN(8))
		in.Fields["cvv"] = fmt.Sprintf("%03d", g.rng.IntN(1000))
	case "server":
		in.Fields["host"] = fmt.Sprintf("srv-%d.%s.internal", g.rng.IntN(500), site)
		in.Fields["port"] = fmt.Sprint(22 + g.rng.IntN(3)*1000)
		in.Fields["username"] = g.pick(first)
		in.Fields["password"] = g.password()
	case "wifi":
		in.Fields["ssid"] = strings.ToUpper(g.pick(last)) + "-" + fmt.Sprint(g.rng.IntN(100))
		in.Fields["password"] = g.password()
		in.Fields["security"] = "WPA2"
	case "identity":
		in.Fields["first"], in.Fields["last"] = g.pick(first), g.pick(last)
		in.Fields["email"] = user + "@example." + g.pick(tlds)
		in.Fields["address"] = fmt.Sprintf("%d %s street\n%05d %s", 1+g.rng.IntN(200), g.pick(last), g.rng.IntN(99999), g.pick(sites))
	case "secure-note":
		in.Fields["note"] = g.sentence(10 + g.rng.IntN(60))
	}
	return in
}

func (g *gen) password() string {
	b := make([]byte, 12+g.rng.IntN(16))
	for i := range b {
		b[i] = letters[g.rng.IntN(len(letters))]
	}
	return string(b)
}

func (g *gen) sentence(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = g.pick(words)
	}
	return strings.Join(w, " ")
}

// editElsewhere changes passwords and names from all devices, so records
// carry stamps of several devices and a few earlier versions.
func (g *gen) editElsewhere(v *model.Vault, clocks []*model.Clock, ids []string) {
	views := make([]*model.Vault, len(clocks))
	for i, c := range clocks {
		views[i] = model.Load(c, v.Entities()) // shares the entity pointers
	}
	for _, id := range ids {
		for range g.rng.IntN(4) {
			dv := views[g.rng.IntN(len(views))]
			p := model.RecordPatch{Fields: map[string]string{"password": g.password()}}
			if g.rng.IntN(4) == 0 {
				name := g.pick(sites) + " " + g.pick(first)
				p.Name = &name
			}
			_, err := dv.UpdateRecord(id, p)
			must(err)
		}
	}
}

// renumber replaces the random ids model.NewID gave with ids from rng, so
// the result depends only on the seed.
func renumber(ents []*model.Entity, order []string, rng *rand.Rand) []*model.Entity {
	ren := map[string]string{}
	for _, id := range order { // creation order: the random ids' order is random
		ren[id] = fmt.Sprintf("%016x%08x", rng.Uint64(), rng.Uint32())
	}
	for _, e := range ents {
		if id, ok := ren[e.ID]; ok {
			e.ID = id
		}
		regs := make(map[string]model.Reg, len(e.Regs))
		for k, r := range e.Regs {
			if gid, ok := ren[strings.TrimPrefix(k, "g/")]; ok && strings.HasPrefix(k, "g/") {
				k = "g/" + gid
			}
			if k == model.RegType {
				if id, ok := ren[r.V]; ok {
					r.V = id
				}
			}
			regs[k] = r
		}
		e.Regs = regs
		if e.Deleted != nil {
			seen := make(map[string]model.Stamp, len(e.Deleted.Seen))
			for k, s := range e.Deleted.Seen {
				if gid, ok := ren[strings.TrimPrefix(k, "g/")]; ok && strings.HasPrefix(k, "g/") {
					k = "g/" + gid
				}
				seen[k] = s
			}
			e.Deleted.Seen = seen
		}
	}
	sortByID(ents)
	return ents
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
