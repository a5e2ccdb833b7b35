// Fixture for LayeringCheckCatchesViolation: the aligner must not know the store.
#include "align/gale_church.h"
#include "tm/store.h"
