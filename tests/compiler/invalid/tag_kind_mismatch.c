// clang: 3:1: error: use of 's' with tag type that does not match previous declaration
struct s;
union s *p;
int main(void) { return 0; }
