// expect-error: 5:29: non-static initialization of a flexible array member
struct text { int length; char bytes[]; };
int main(void) {
    static struct text fine = {2, "hi"};
    struct text local = {2, "hi"};
    return fine.length + local.length;
}
