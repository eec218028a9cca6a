/* A deliberately broken PKCS#11 module for the probe tests: C_GetFunctionList works, C_Initialize does what
 * BROKEN_MODE says at build time: 1 = crash (null write), 2 = hang, 3 = exit(0) from inside the library. */
#include <stdlib.h>
#include <unistd.h>
#include <p11-kit/pkcs11.h>
static CK_RV init(CK_VOID_PTR a) {
  (void) a;
#if BROKEN_MODE == 1
  *(volatile int *) 0 = 1;
#elif BROKEN_MODE == 2
  for (;;) sleep(1);
#else
  exit(0);
#endif
  return CKR_OK;
}
static CK_FUNCTION_LIST list = { {2, 40}, init };
CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR pp) { *pp = &list; return CKR_OK; }
