// expect-error: 4:26: too many arguments to function 'done'
void done(int *p, int q);
int main(void) {
    int x __attribute__((cleanup(done))) = 1;
    return x;
}
