/* Freestanding <stdbool.h> for virtines. */
#ifndef _PYVIRTINE_STDBOOL_H
#define _PYVIRTINE_STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1
#endif
