// expect-error: 3:13: GNU statement expressions are not supported
int main(void) {
    int x = ({ int y = 2; y * 3; });
    return x;
}
