/* Freestanding <stdnoreturn.h> for virtines. */
#ifndef _PYVIRTINE_STDNORETURN_H
#define _PYVIRTINE_STDNORETURN_H
#define noreturn _Noreturn
#endif
