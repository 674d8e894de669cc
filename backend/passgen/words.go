package passgen

import "strings"

// wordList is the passphrase vocabulary: short, common, lower-case English
// words that are easy to spell. The test checks they are unique and plain,
// since a duplicate would silently lower every passphrase's entropy.
var wordList = strings.Fields(`
able acid acorn actor adapt add admit adult affix again agent agile agree ahead aim
air aisle alarm album alert alien alley allow aloe alpha amber amuse angle ankle apple
april apron arch arena argue arise armor army aroma arrow art ash aside ask atlas
atom attic audio aunt autumn avid awake award axis bacon badge bagel baker balm bamboo
banjo barn basil basin batch beach beak beam bean bear beard bee beet bell belt
bench berry bike bird bison blade blank blaze blend bliss blob bloom blue blush board
boat body bolt bone bonus book boost boot boss bowl box brain brass brave bread brick
bride brief brisk broom brook brush bubble bucket buddy bugle build bulb bunch bunny cabin
cable cactus cadet cage cake camel camp canal candy canoe canvas cape card cargo carol
carpet carrot cart case cash castle cat cedar cello chalk charm chart chase cheek cheese
cherry chess chest chick chief chill chimp chip chord cider cinema city civic clam clap
clay clerk cliff climb clock cloud clover coach coast cobra cocoa coin comet coral cork
corn couch cove cozy crab craft crane crate crisp crow crown crumb cub cube cupid
curl curry cycle daisy dance dart dawn deal decor deer delta denim depth desk dial
diary dice dill dime diner disco dish dizzy dock dodge dog doll dolphin dome donut
door dove dragon drama dream dress drift drill drum duck dune dusk dust eagle early
earth easel echo edge eel elbow elder elf elk elm ember emu enjoy entry envoy
epic equal error essay even exact exit fable facet fairy fancy farm fawn feast feather
fence fern ferry fever fiber field fig film finch fire fish flag flame flask fleet
flint flock flute foam focus fog folk font forest fork fort fossil fox frame fresh
frog frost fruit fudge fuel gala galaxy game garden garlic gate gecko gem genre ghost
giant gift ginger giraffe glad glass globe glove glow glue goat gold golf goose gourd
grace grain grape graph grass gravy green grid grill groom group grove guard guest guide
guitar gull gust habit hail hammer hand harbor harp hatch hawk hazel heart hedge helium
helmet herb hero heron hill hinge hippo hobby honey hood hook hope horn horse hotel
house humor husky hut ice icon idea igloo index ink inlet iris iron island ivory
ivy jacket jade jam jar jazz jeans jelly jewel jog judge juice jumbo jungle kayak
kettle key kite kiwi knee knife knot koala label lace ladder lake lamb lamp lane
laser latch lava lawn layer leaf lemon lens level lilac lily lime linen lion list
llama lobby lodge logic loop lotus lucky lunar lunch lyric magic magnet maize mango maple
marble march market mask meadow melon menu merit metal meter mild milk mint mirror mist
mocha model mole monk moose moss motel moth mouse movie mud mule mural music nacho
nail navy nest net nickel night noble noodle north notch novel nut oak oasis ocean
olive omega onion opal opera orbit orchid otter oval owl oyster paddle pager palm panda
panel paper park parrot pasta patch peach pearl pecan pedal penny pepper piano pickle pier
pilot pine pixel pizza plain planet plaza plum poem polar pond pony poppy porch potato
pouch prism prize pulse puma pupil puppy quail quartz queen quest quiet quill quilt quote
rabbit radar radio raft rain ranch raven razor relay rhino ribbon rice ridge ring river
road robin robot rocket rodeo roof rose route ruby rug ruler sable saddle saga sail
salad salmon salt sand satin sauce scale scarf scout seal seed shade shark sheep shelf
shell shore silk silver siren skate sketch ski sky slate sled slope smile snail snow
soap sofa solar sonic soup spark spice spider spoon spray spring squid stamp star steam
stone stool storm straw stream sugar summit sun swan sweater swing syrup table taco tango
tea teapot tent thorn thumb tiger tile timber toast token tomato topaz torch tower toy
track trail train tree trout truck tulip tuna tunnel turtle tweed twig umbrella unicorn union
urban valley vapor velvet venus verse vest video villa violet violin visor vivid voice volcano
wafer wagon walnut walrus wand water wave wheat whale wheel willow window wing winter wizard
wolf wool yacht yak yard yarn yeti yoga yogurt zebra zero zest zinc zone
`)
