// expect-error: 3:12: implicit declaration of function 'frobnicate'
int main(void) {
    return frobnicate(3);
}
