// Fixture: core may include only the standard library.
#include <string>
