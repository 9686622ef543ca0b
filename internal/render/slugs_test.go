package render

import "testing"

func TestSlugsArePinyinOfTheName(t *testing.T) {
	s := newSlugs("d", []string{"招商一科", "办公室", "政策法规科"}, nil)
	for name, want := range map[string]string{"招商一科": "zhaoshangyike", "办公室": "bangongshi", "政策法规科": "zhengcefaguike"} {
		if got := s.of(name); got != want {
			t.Errorf("of(%s) = %s, want %s", name, got, want)
		}
	}
}

func TestADeclaredSlugOverridesThePinyin(t *testing.T) {
	s := newSlugs("d", []string{"招商一科", "办公室"}, map[string]string{"招商一科": "zs1k"})
	if got := s.of("招商一科"); got != "zs1k" {
		t.Errorf("of(招商一科) = %s, want the declared zs1k", got)
	}
	// A declared slug keeps its name even when another name's pinyin is it.
	s = newSlugs("d", []string{"办公室", "综合科"}, map[string]string{"综合科": "bangongshi"})
	if a, b := s.of("办公室"), s.of("综合科"); a != "bangongshi-2" || b != "bangongshi" {
		t.Errorf("of(办公室), of(综合科) = %s, %s; want bangongshi-2, bangongshi", a, b)
	}
}

func TestCollidingSlugsAreNumberedInDeclaredOrder(t *testing.T) {
	names := []string{"招商一科", "招商壹科", "招商乙科", "招商一科 "}
	s := newSlugs("d", names, nil)
	want := []string{"zhaoshangyike", "zhaoshangyike-2", "zhaoshangyike-3", "zhaoshangyike-4"}
	for i, n := range names {
		if got := s.of(n); got != want[i] {
			t.Errorf("of(%q) = %s, want %s", n, got, want[i])
		}
	}
	// Rendering again gives the same slugs: nothing depends on map order.
	for range 20 {
		again := newSlugs("d", names, nil)
		for _, n := range names {
			if again.of(n) != s.of(n) {
				t.Fatalf("of(%q) changed between two renders: %s, %s", n, s.of(n), again.of(n))
			}
		}
	}
	// A name added at the end of gongkai.yaml leaves the others as they were.
	more := newSlugs("d", append(names, "招商移科"), nil)
	for _, n := range names {
		if more.of(n) != s.of(n) {
			t.Errorf("adding a name changed of(%q): %s → %s", n, s.of(n), more.of(n))
		}
	}
	if got := more.of("招商移科"); got != "zhaoshangyike-5" {
		t.Errorf("of(招商移科) = %s, want zhaoshangyike-5", got)
	}
}

func TestANameWithoutPinyinGetsAHash(t *testing.T) {
	s := newSlugs("c", []string{"（）", "招商㐀科", "招商㐁科"}, nil)
	if got := s.of("（）"); got != "c"+shortHash("（）") {
		t.Errorf("of(（）) = %s, want the prefix and a hash", got)
	}
	a, b := s.of("招商㐀科"), s.of("招商㐁科")
	if a == b || a != "zhaoshangke-"+shortHash("招商㐀科") {
		t.Errorf("names with characters outside the table: %s, %s; want zhaoshangke- and a hash of each", a, b)
	}
	// A name gongkai.yaml does not declare never takes a declared one's
	// slug, nor another undeclared one's.
	s = newSlugs("d", []string{"办公室"}, nil)
	if got := s.of("半公室"); got != "bangongshi-"+shortHash("半公室") {
		t.Errorf("an undeclared name whose pinyin a declared name has: %s, want bangongshi- and its hash", got)
	}
	if a, b := s.of("招商一科"), s.of("招商壹科"); a == b || a != "zhaoshangyike-"+shortHash("招商一科") {
		t.Errorf("two undeclared names with one pinyin: %s, %s", a, b)
	}
}
