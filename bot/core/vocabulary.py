"""Words that carry no subject in a question about layers.

They are never matched fuzzily (so "route" or "which" can't become a typo of a tool) and
never reported as "the thing I don't know". The list is grammar and question phrasing,
not knowledge: adding a tool never needs a change here.
"""

from __future__ import annotations

__all__ = ["AUXILIARIES", "COPULAS", "EXCLUSIVE", "GRAMMAR", "GREETINGS", "HELP_WORDS", "STOPWORDS"]

# Words that open a yes/no question.
AUXILIARIES = frozenset(
    "is are was were does do did can could should would will isn isnt aren arent doesn doesnt "
    "am has have".split()
)

# The auxiliaries that only link ("is l4 for metallb right?" says what metallb is).
COPULAS = frozenset("is are was were am isn isnt aren arent".split())

GREETINGS = frozenset(
    "hi hello hey heya hiya yo howdy greetings morning afternoon evening gm sup thanks thank "
    "thx ty cheers ok okay cool nice great bye goodbye good day folks team everyone all guys "
    "there".split()
)

HELP_WORDS = frozenset("help usage commands command howto instructions examples".split())

_GRAMMAR = """
a an the this that these those it its it's i me my we our you your he she they them their
his him her hers mine yours ours theirs
what whats which who whom whose where wheres when why how hows
is are was were be been being am does do did doing done can could should would will shall
may might must isn isnt aren arent doesn doesnt don dont didn didnt wasn weren won wont
has have had having not no yes or and but nor so if then than as of at on in into onto
to from by for with without about above below over under beneath underneath atop between
among through via per since because although though while unless whereas whether until
im ive youre theyre u ur ya ppl smth sth
up down out off again also too very just only really actually even still any some all
both each either neither every much many more most less few other such own same there
here s t ll re ve d m vs versus v like now
anything something everything nothing anyone someone everyone itself themselves myself
ourselves yourself yourselves himself herself
uh um umm hmm hm erm er ah oh eh lol lmao btw fwiw imo imho tbh afaik iirc ya yeah yep nope ish
tldr tl dr idk idc ngl fyi nvm rn omg smh ikr irl eli5 asap
"""

_PHRASING = """
osi layer layers level levels model stack tier kubernetes k8s kube cluster clusters
work works working worked run runs running operate operates operating operation live lives
sit sits belong belongs fall falls fit fits happen happens happening handle handles
handled handling located location place placed used use uses using part category
tool tools tooling thing things stuff component components function functions technology
tech software product service option feature features
tell explain explained describe show list give know knows find mean means say says think guess
please pls plz quick question q asking ask wondering curious
exactly generally typically usually mostly basically kind sort type types
pretty fairly quite sure certain reckon
one two three four five six seven first second third fourth fifth sixth seventh
answer help me bot osibot osi-bot hey wat wht wut whats
pod pods node nodes container containers traffic request requests app apps workload workloads
responsible purpose role job protocol protocols example examples meaning difference compare
bit bits
only solely exclusively purely strictly top involved
"""

# "is envoy *only* layer 7?" asks whether the layers named are all of them.
EXCLUSIVE = frozenset("only solely exclusively purely strictly".split())

# Function words: they never sit inside a name, so a phrase containing one is not a name.
GRAMMAR = frozenset(_GRAMMAR.split()) | AUXILIARIES
STOPWORDS = GRAMMAR | frozenset(_PHRASING.split())
