// SPDX-License-Identifier: MIT
#include "vigil/label.h"
