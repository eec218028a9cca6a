/*
 * sm2bench - native baseline for the SM2 signing benchmark: OpenSSL's SM2 sign on the very key file a skfsoft
 * container holds, over a fixed 32-byte e (what SKF_ECCSignData gets), in a loop.
 *
 * usage: sm2bench KEY_PEM SECONDS [WARMUP_SECONDS]
 * Prints one line of JSON: {"mechanism":"sm2","ops":12345,"seconds":2.000,"perSecond":6172.5}
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long loop(EVP_PKEY_CTX *ctx, double seconds) {
    unsigned char e[32] = {1, 2, 3, 4, 5, 6, 7, 8}, sig[80];
    long ops = 0;
    double end = now() + seconds;
    while (now() < end) {
        size_t len = sizeof sig;
        if (EVP_PKEY_sign(ctx, sig, &len, e, sizeof e) != 1) { fprintf(stderr, "sm2bench: EVP_PKEY_sign failed\n"); exit(1); }
        ops++;
    }
    return ops;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: sm2bench KEY_PEM SECONDS [WARMUP_SECONDS]\n"); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror("sm2bench"); return 1; }
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (!k) { fprintf(stderr, "sm2bench: not a private key\n"); return 1; }
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(k, NULL);
    if (!ctx || EVP_PKEY_sign_init(ctx) != 1) { fprintf(stderr, "sm2bench: sign init failed\n"); return 1; }
    double seconds = atof(argv[2]), warm = argc > 3 ? atof(argv[3]) : 1.0;
    loop(ctx, warm);
    double t0 = now();
    long ops = loop(ctx, seconds);
    double t = now() - t0;
    printf("{\"mechanism\":\"sm2\",\"ops\":%ld,\"seconds\":%.3f,\"perSecond\":%.1f}\n", ops, t, ops / t);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(k);
    return 0;
}
