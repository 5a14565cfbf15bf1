#include "workflows/modules.h"
