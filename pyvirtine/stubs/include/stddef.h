/* Freestanding <stddef.h> for virtines (provided by the pyvirtine compiler). */
#ifndef _PYVIRTINE_STDDEF_H
#define _PYVIRTINE_STDDEF_H
typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;
typedef struct { long long __ll; double __d; } max_align_t;
#ifndef NULL
#define NULL ((void *)0)
#endif
/* pycparser parses offsetof(type, member) itself; the compiler evaluates it. */
#define offsetof(type, member) offsetof(type, member)
#endif
