// clang: 3:26: error: field has incomplete type 'struct opaque'
struct opaque;
struct s { struct opaque o; };
int main(void) { return 0; }
