#!/usr/bin/python3
# Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
#
# layers.py SRCDIR BUILDDIR: the folders are the layers (README.md,
# "Layout").  Fails on
#   1. an #include that points up or sideways,
#   2. a call that does (a symbol one object uses and another defines,
#      read from the objects with nm: this sees calls that no include
#      shows, e.g. through a shared header),
#   3. a circle between two modules (a .c and its .h are one module),
#   4. a writable static or global (.data, .bss, thread-local) outside
#      the util layer (src/*.c) and src/compat/; constant tables live in
#      .rodata or .data.rel.ro and are fine.
import os
import re
import subprocess
import sys

# What each layer may use, besides itself.
ALLOWED = {
    'cli': {'input', 'diagnose', 'report', 'model', 'parsers', 'util',
            'compat'},
    'input': {'parsers', 'model', 'util', 'compat'},
    'diagnose': {'model', 'util', 'compat'},
    'report': {'model', 'util', 'compat'},
    'parsers': {'model', 'util', 'compat'},
    'model': {'util', 'compat'},
    'util': {'compat'},
    'compat': {'util'},
}
STATE_OK = {'util', 'compat'}


def layer_of(rel):
    parts = rel.split('/')
    if parts[0] == 'parsers':
        return 'parsers'
    if parts[0] != 'src':
        return None
    if rel == 'src/main.c':
        return 'cli'
    if len(parts) == 2:
        return 'util'
    return parts[1] if parts[1] in ALLOWED else None


def sources(srcdir):
    out = []
    for top in ('src', 'parsers'):
        for root, _, files in os.walk(os.path.join(srcdir, top)):
            for f in files:
                if f.endswith(('.c', '.h')):
                    p = os.path.join(root, f)
                    out.append(os.path.relpath(p, srcdir))
    return sorted(out)


def resolve(srcdir, rel, inc):
    """The project file an include names, or None (system, config.h)."""
    here = os.path.dirname(rel)
    cands = [os.path.join(here, inc), os.path.join('src', inc), inc]
    for c in cands:
        c = os.path.normpath(c)
        if os.path.isfile(os.path.join(srcdir, c)) and layer_of(c):
            return c
    return None


def module(rel):
    return os.path.splitext(rel)[0]


def check_order(problems, what, a, la, b, lb):
    if la != lb and lb not in ALLOWED.get(la, ()):
        problems.append('%s: %s (%s) -> %s (%s) points %s' % (
            what, a, la, b, lb,
            'up' if la in ALLOWED.get(lb, ()) else 'sideways'))


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def objects(builddir, srcdir):
    """{module: object path} for the objects built from src/ and parsers/."""
    out = {}
    for top in ('src', 'parsers'):
        for root, _, files in os.walk(os.path.join(builddir, top)):
            for f in files:
                if not f.endswith('.o'):
                    continue
                o = os.path.join(root, f)
                rel = os.path.relpath(o, builddir)
                base = re.sub(r'^[A-Za-z0-9_]+-', '', f)  # per-target prefix
                c = os.path.join(os.path.dirname(rel), base[:-2] + '.c')
                if os.path.isfile(os.path.join(srcdir, c)) and layer_of(c):
                    out[module(c)] = o
    return out


def nm(path, flags):
    r = subprocess.run(['nm', '-P'] + flags + [path], capture_output=True,
                       text=True, check=True)
    return [ln.split() for ln in r.stdout.splitlines() if ln.strip()]


SAN = re.compile(r'^(__asan|__ubsan|__tsan|__sancov|__odr_asan|\.L|__gcov|'
                 r'__llvm|__profc|__profd|___asan)')


def main():
    srcdir, builddir = sys.argv[1], sys.argv[2]
    problems = []
    graph = {}

    # 1. includes
    for rel in sources(srcdir):
        la = layer_of(rel)
        if la is None:
            continue
        text = open(os.path.join(srcdir, rel), encoding='utf-8').read()
        for inc in re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
            tgt = resolve(srcdir, rel, inc)
            if tgt is None:
                if inc != 'config.h' and not inc.startswith('lib'):
                    problems.append('include: %s names "%s", which is no '
                                    'file of the tree' % (rel, inc))
                continue
            check_order(problems, 'include', rel, la, tgt, layer_of(tgt))
            if module(tgt) != module(rel):
                graph.setdefault(module(rel), set()).add(module(tgt))

    # 2, 4. symbols of the objects
    objs = objects(builddir, srcdir)
    if not objs:
        print('layers: no objects under %s (build first)' % builddir)
        return 77
    defined = {}
    for mod, o in objs.items():
        for f in nm(o, ['-g', '--defined-only']):
            if len(f) >= 2 and f[1] in 'TDBRCVWG' and not SAN.match(f[0]):
                defined.setdefault(f[0], mod)
    for mod, o in sorted(objs.items()):
        src = mod + '.c'
        la = layer_of(src)
        for f in nm(o, ['-u']):
            sym = f[0]
            tgt = defined.get(sym)
            if tgt is None or tgt == mod:
                continue
            check_order(problems, 'call', src + ' uses ' + sym, la,
                        tgt + '.c', layer_of(tgt + '.c'))
            graph.setdefault(mod, set()).add(tgt)
        if la in STATE_OK:
            continue
        r = subprocess.run(['objdump', '-t', o], capture_output=True,
                           text=True, check=True)
        for ln in r.stdout.splitlines():
            m = re.match(r'^[0-9a-f]+ .{7} (\S+)\s+[0-9a-f]+\s+(\S+)$', ln)
            if not m:
                continue
            sect, name = m.group(1), m.group(2)
            if name.startswith('.') or SAN.match(name):
                continue
            if sect in ('.data', '.bss', '.tdata', '.tbss') or \
               sect.startswith(('.data.', '.bss.')) and \
               not sect.startswith('.data.rel.ro'):
                problems.append('state: %s has writable %s `%s` (%s layer)'
                                % (src, 'static' if ' l ' in ln[:20] or
                                   ln[17] == 'l' else 'global',
                                   name.split('.')[0], la))

    # 3. circles
    for comp in cycles(graph):
        problems.append('circle: ' + ' <-> '.join(comp))

    for p in problems:
        print('layers: ' + p)
    print('layers: %d files, %d objects, %d problems' % (
        len(sources(srcdir)), len(objs), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
