/* Freestanding <iso646.h> for virtines. */
#ifndef _PYVIRTINE_ISO646_H
#define _PYVIRTINE_ISO646_H
#define and &&
#define and_eq &=
#define bitand &
#define bitor |
#define compl ~
#define not !
#define not_eq !=
#define or ||
#define or_eq |=
#define xor ^
#define xor_eq ^=
#endif
