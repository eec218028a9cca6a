#!/usr/bin/env python3
"""Writes the seeded default catalog (native-config's default-catalog.json) from the research notes.

Kept as a script so the seed stays reviewable; after the first release the JSON file itself is edited and this
script is history. Run: python3 scripts/catalog/seed_catalog.py > native-config/src/main/resources/org/keybridge/config/catalog/default-catalog.json
"""
import json

def N(zh, en, es=None):
    return {"zh-CN": zh, "en": en, "es": es or en}

S = lambda i, t: {"id": i, "text": t}
sources = [
    S("DEMO", "KeyBridge's own demo (bin/keybridge demo-keys, the demo portal): run on every CI build"),
    S("TESTBED", "../shared/research/testbed.md: measured on the project's Debian 12 machines"),
    S("BRIEF", "the project brief (the employer's story); no public technical source"),
    S("CCID", "LudovicRousseau/CCID readers/supported_readers.txt @5de6a9661c37"),
    S("ATR", "LudovicRousseau/pcsc-tools smartcard_list.txt @3e819c605e93"),
    S("OSC", "OpenSC/OpenSC @14c80b0ab932 card-entersafe.c, card-epass2003.c"),
    S("USBIDS", "usbids/usbids usb.ids @5e867ca4d3c3"),
    S("NETCA", "NETCA (网证通) SDK/installer dump, wuxiaoxia-stu/crypto @56924ad6c96f"),
    S("XIPKI", "xipki/ipkcs11wrapper @2b086bd8a1d1 vendor.conf"),
    S("GMSSL", "guanzhi/GmSSL @24ae482701a7 src/skf"),
    S("HTB", "haitaibrowser/haitaibrowser @aa2e9d99322b components/htcert"),
    S("BC", "bcgit/bc-java SM2Signer.java (default user ID 1234567812345678; older versions empty)"),
    S("ESSAYIST", "Toge66/Essayist others/畅捷支付U-key接入.md (CFCA CryptoKit)"),
    S("GDCA-PG", "https://www.gdca.com.cn/customer_service/guide_service/application_guide/CA-00028/"),
    S("HEBCA-PG", "Hebei CA usage notice (mirror), initial PIN 123456"),
    S("FS:41921672865", "SOFMedia.h (integrator): VID/PID to SKF DLL table; repository not identified"),
    S("FS:68388396525", "Rust SKF service docs: VID:PID to provider, per-OS library paths; repository not identified"),
    S("FS:12150458410", "Longmai Linux package layout (lm-gm3000admin); repository not identified"),
    S("FS:69023012092", "reverse-engineering note: old GM3000 055C:DB08 and the 2016 vs 2022 SKF builds"),
    S("FS:58678252149", "PKCS#11 path table (eps2003csp11, libcastle); repository not identified"),
    S("FS:1375357029", "PKCS#11 path table (libcastle, WDPKCS); repository not identified"),
    S("FS:70178880176", "Watchdata Linux libwdpkcs*.so paths; repository not identified"),
    S("FS:69145119778", "BJCA/LinGuo reverse-engineering note (LG3073 6588:1514)"),
    S("FS:395287007", "TopSAP VPN Linux bundle with libes_3000gm.so.1.0.0 and libgm3000.1.0.so"),
    S("FS:21271225623", "Feitian GMT0016Lib Java (libes_3000gm.so, ENTERSAFE-ESPK)"),
    S("FS:12257846574", "libgm3000_pkcs11.dylib test"),
    S("FS:48432642892", "BJCA xtxsync JS (local service 21051/21061)"),
]

def vendor(i, names, vids, srcs, verified=False, notes=None, website=None):
    v = {"id": i, "names": names, "usbVids": vids, "verified": verified, "sources": srcs}
    if website: v["website"] = website
    if notes: v["notes"] = notes
    return v

vendors = [
    vendor("demo", N("KeyBridge 演示与测试", "KeyBridge demo and test fixtures", "Demostración y pruebas de KeyBridge"), [], ["DEMO"], True),
    vendor("opensc", N("OpenSC 项目", "OpenSC project", "Proyecto OpenSC"), [], ["OSC"], True, website="https://github.com/OpenSC/OpenSC"),
    vendor("feitian", N("飞天诚信", "Feitian Technologies"), ["096E"], ["USBIDS", "CCID"]),
    vendor("longmai", N("龙脉科技", "Longmai (mToken)"), ["055C"], ["NETCA", "USBIDS", "ATR"], notes="usb.ids lists VID 055C under another company"),
    vendor("watchdata", N("握奇数据", "Watchdata"), ["163C"], ["CCID", "ATR"]),
    vendor("haitai", N("海泰方圆", "Haitai"), ["5448"], ["NETCA"]),
    vendor("excelsecu", N("文鼎创", "Excelsecu"), ["1EA8"], ["CCID", "NETCA"]),
    vendor("mingwah", N("明华澳汉", "Mingwah Aohan"), ["04B4", "1483"], ["NETCA", "ATR"], notes="uses Cypress' generic 04B4:1234"),
    vendor("linguo", N("林果", "LinGuo"), ["6588"], ["FS:41921672865", "FS:69145119778"]),
]

def issuer(i, names, algs, srcs, verified=False, helper=None, notes=None, dn=None):
    c = {"id": i, "names": names, "algorithms": algs, "issuerDnPatterns": dn or [], "verified": verified, "sources": srcs}
    if helper: c["helperProgram"] = helper
    if notes: c["notes"] = notes
    return c

issuers = [
    issuer("demo.social-security-ca", N("演示社保CA", "Demo Social Security CA", "CA de demostración de la seguridad social"), ["RSA"], ["DEMO"], True,
           dn=["CN=Demo Social Security Issuing CA"]),
    issuer("demo.tax-ca", N("演示税务CA", "Demo Tax CA", "CA tributaria de demostración"), ["ECDSA"], ["DEMO"], True, dn=["CN=Demo Tax Issuing CA"]),
    issuer("netca", N("网证通（广东省电子商务认证有限公司）", "NETCA (Guangdong)", "NETCA (Cantón)"), ["SM2", "RSA"], ["NETCA"], helper="网证通设备驱动 / NETCA Crypto"),
    issuer("gdca", N("数安时代 GDCA", "GDCA"), ["SM2", "RSA"], ["GDCA-PG", "NETCA"], helper="GDCA数字证书客户端 (renewal reminder 90 days before expiry)"),
    issuer("bjca", N("北京数字认证 BJCA", "BJCA"), ["SM2", "RSA"], ["FS:48432642892"], helper="证书应用环境 (CertAppEnv); local service ws://127.0.0.1:21051, wss://127.0.0.1:21061"),
    issuer("szca", N("深圳CA", "SZCA"), [], ["NETCA"]),
    issuer("cfca", N("中国金融认证中心 CFCA", "CFCA"), ["SM2", "RSA"], ["ESSAYIST"], helper="CryptoKit (IE ActiveX / NPAPI; Chrome unsupported)"),
    issuer("hebca", N("河北CA", "Hebei CA", "CA de Hebei"), [], ["HEBCA-PG"], helper="证书助手 (initial PIN 123456)"),
    issuer("guoxin", N("国信CA", "Guoxin CA"), [], ["BRIEF"], notes="named in the brief; issuer DN and roots must come from a real certificate"),
]

def usb(vid, pid, cls="unknown", verified=None):
    u = {"vid": vid, "pid": pid, "interfaceClass": cls}
    if verified is not None: u["verified"] = verified
    return u

def model(i, vendor, names, modules, srcs, usb_=None, atrs=None, algs=None, quirks=None, verified=False, demo=False, notes=None):
    m = {"id": i, "vendor": vendor, "names": names, "usb": usb_ or [], "atrs": atrs or [], "algorithms": algs or [],
         "modules": modules, "quirks": quirks or [], "demo": demo, "verified": verified, "sources": srcs}
    if notes: m["notes"] = notes
    return m

models = [
    model("demo.softhsm2", "demo", N("SoftHSM2 演示密钥", "SoftHSM2 demo key", "Llave de demostración SoftHSM2"), ["demo.softhsm2"], ["DEMO", "TESTBED"],
          algs=["RSA-2048", "EC-P256"], verified=True, demo=True, notes="the demo keys of bin/keybridge demo-keys; no USB identity"),
    model("demo.vicc-iso7816", "demo", N("虚拟卡 vicc (iso7816)", "Virtual card vicc (iso7816)", "Tarjeta virtual vicc (iso7816)"), [], ["TESTBED"],
          atrs=[{"value": "3B95138101807 3FF01000B".replace(" ", ""), "label": "vsmartcard vicc -t iso7816"}], verified=True, demo=True,
          notes="test fixture behind vpcd; not PKCS#15, no PKCS#11 module"),
    model("demo.jcardsim", "demo", N("虚拟卡 jCardSim", "Virtual card jCardSim", "Tarjeta virtual jCardSim"), [], ["TESTBED"],
          atrs=[{"value": "3BFA1800008131FE454A434F5033315632333298", "label": "jCardSim 2.2.2 behind a vpcd client"}], verified=True, demo=True,
          notes="test fixture behind vpcd; no PKCS#11 module"),
    model("feitian.epass2003", "feitian", N("飞天 ePass2003", "Feitian ePass2003"), ["feitian.epass2003.p11", "opensc.pkcs11"], ["CCID", "ATR", "OSC", "NETCA"],
          usb_=[usb("096E", "0807", "ccid"), usb("096E", "080A", "ccid")],
          atrs=[{"value": "3B9F958131FE9F006646530500000071DF000000000000", "mask": "FF" * 12 + "000000" + "FF" * 4 + "00" * 4, "label": "FTCOS/ePass2003 (OpenSC's mask)"}],
          algs=["RSA-1024", "RSA-2048", "EC-P256"], notes="no SM2; OpenSC's epass2003 driver covers it"),
    model("feitian.epass3000", "feitian", N("飞天 ePass3000", "Feitian ePass3000"), ["opensc.pkcs11"], ["USBIDS", "OSC"],
          usb_=[usb("096E", "0401")],
          atrs=[{"value": "3B0F00654653051905 71DF0000000000 00".replace(" ", ""), "mask": "FFFFFFFFFFFFFF00FFFFFF000000000000", "label": "Feitian ePass3000 (OpenSC entersafe)"}],
          algs=["RSA-1024", "RSA-2048"]),
    model("feitian.epass3000gm", "feitian", N("飞天 ePass3000GM", "Feitian ePass3000GM"),
          ["feitian.3000gm.skf", "feitian.3000gm.skf.szca", "feitian.3000gm.p11.netca"], ["USBIDS", "NETCA", "FS:68388396525", "FS:395287007"],
          usb_=[usb("096E", "0309"), usb("096E", "0811", verified=False)], algs=["RSA-2048", "SM2", "SM3", "SM4", "SM1", "SSF33"],
          quirks=["ca-specific-builds"]),
    model("feitian.3000gm-newpid", "feitian", N("飞天 3000GM（新 PID）", "Feitian 3000GM (newer PIDs)", "Feitian 3000GM (PID nuevos)"), [], ["NETCA"],
          usb_=[usb("096E", "0314", "ccid"), usb("096E", "0316", "ccid"), usb("096E", "031A"), usb("096E", "031F", "ccid"), usb("096E", "0317", "hid"), usb("096E", "0322", "hid")],
          algs=["SM2"], notes="only NETCA provider evidence; the vendor's module name is unknown"),
    model("longmai.gm3000", "longmai", N("龙脉 mToken GM3000", "Longmai mToken GM3000"),
          ["longmai.gm3000.skf", "longmai.gm3000.p11", "longmai.gm3000.skf.bjca"], ["NETCA", "FS:41921672865", "FS:68388396525", "FS:12150458410"],
          usb_=[usb("055C", "E618")], algs=["RSA-2048", "SM2", "SM3", "SM4"], quirks=["ca-specific-builds"]),
    model("longmai.gm3000-old", "longmai", N("龙脉 GM3000（旧款，光盘模式）", "Longmai GM3000 (old, CD-ROM form)", "Longmai GM3000 (antiguo, modo CD-ROM)"),
          ["longmai.gm3000.skf"], ["FS:69023012092", "NETCA"], usb_=[usb("055C", "DB08", "msc")], algs=["SM2"], quirks=["longmai-old-model-dropped"]),
    model("longmai.mtoken-cryptoid", "longmai", N("龙脉 mToken CryptoID", "Longmai mToken CryptoID"), [], ["ATR"],
          atrs=[{"value": "3B9F118131FE9F006A6D546F6B656E2D46000081900079", "label": "mToken CryptoID"}]),
    model("watchdata.usbkey", "watchdata", N("握奇 USB Key", "Watchdata USB Key"), ["watchdata.wdpkcs"], ["CCID", "FS:70178880176"],
          usb_=[usb("163C", "0407", "ccid"), usb("163C", "0417", "ccid"), usb("163C", "0418", "ccid")], algs=["RSA-2048"],
          notes="China builds of the module unverified; Brazil/India builds seen"),
    model("haitai.rsa", "haitai", N("海泰 RSA 密钥", "Haitai RSA key", "Llave RSA de Haitai"), ["haitai.htpkcs11"], ["NETCA"],
          usb_=[usb("5448", "0001", "hid"), usb("5448", "0003", "ccid"), usb("5448", "0004")], algs=["RSA-2048"]),
    model("haitai.sm2", "haitai", N("海泰 SM2 密钥", "Haitai SM2 key", "Llave SM2 de Haitai"), ["haitai.skfapi20524", "haitai.htpkcs11"], ["NETCA"],
          usb_=[usb("5448", "0103"), usb("5448", "0203", verified=False)], algs=["SM2", "SM3"], quirks=["pkcs11-sm2-codes-vary"]),
    model("excelsecu.es", "excelsecu", N("文鼎创 ES 密钥", "Excelsecu ES key", "Llave ES de Excelsecu"), ["excelsecu.sjk1217.skf", "excelsecu.sjk1217.p11"], ["NETCA"],
          usb_=[usb("1EA8", "C001"), usb("1EA8", "C01B"), usb("1EA8", "C02C")]),
    model("linguo.lg3073", "linguo", N("林果 LG3073", "LinGuo LG3073"), ["linguo.lgu3073"], ["FS:41921672865", "FS:69145119778"],
          usb_=[usb("6588", "1514")], algs=["SM2"]),
    model("mingwah.ekey", "mingwah", N("明华 eKey", "Mingwah eKey"), [], ["NETCA", "USBIDS", "ATR"],
          usb_=[usb("04B4", "1234"), usb("1483", "1200")], atrs=[{"value": "3B058073F701C0", "label": "Mingwah Aohan eKey"}],
          quirks=["generic-cypress-vidpid"]),
]

def module(i, typ, vendor, files, srcs, search=None, abi=None, sm2=None, bad=None, ca=None, verified=False, demo=False, notes=None):
    m = {"id": i, "type": typ, "files": files, "verified": verified, "sources": srcs}
    if vendor: m["vendor"] = vendor
    if ca: m["caBuild"] = ca
    if search: m["searchPaths"] = search
    if abi: m["abi"] = abi
    if sm2: m["sm2Mechanisms"] = sm2
    if bad: m["knownBadVersions"] = bad
    if demo: m["demo"] = True
    if notes: m["notes"] = notes
    return m

CDECL = {"callingConvention": "cdecl"}
SKF_ABI = {"callingConvention": "stdcall", "notes": "stdcall on 32-bit Windows only; ULONG width per build unverified (GmSSL's SGD_NATIVE_LONG)"}
modules = [
    module("demo.softhsm2", "pkcs11", "demo", {"linux-x86_64": "/usr/lib/softhsm/libsofthsm2.so", "linux-aarch64": "/usr/lib/softhsm/libsofthsm2.so"},
           ["DEMO", "TESTBED"], abi=CDECL, verified=True, demo=True, notes="Debian's softhsm2 package; needs SOFTHSM2_CONF"),
    module("opensc.pkcs11", "pkcs11", "opensc", {"linux-x86_64": "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", "linux-aarch64": "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
           "macos-x86_64": "/Library/OpenSC/lib/opensc-pkcs11.so", "macos-aarch64": "/Library/OpenSC/lib/opensc-pkcs11.so", "windows-x86_64": "opensc-pkcs11.dll"},
           ["OSC", "TESTBED"], search={"windows": ["%SystemRoot%\\System32"]}, abi=CDECL, verified=True, notes="ePass2003/ePass3000 only; no SM2"),
    module("feitian.epass2003.p11", "pkcs11", "feitian", {"windows-x86_64": "eps2003csp11.dll", "linux-x86_64": "libcastle.so.1.0.0", "macos-x86_64": "libcastle.1.0.0.dylib"},
           ["NETCA", "FS:58678252149", "FS:1375357029"], search={"windows": ["%SystemRoot%\\System32"], "linux": ["/usr/lib", "/usr/lib64", "/usr/lib/x86_64-linux-gnu"]}, abi=CDECL),
    module("feitian.3000gm.skf", "skf", "feitian", {"windows-x86": "ShuttleCsp11_3000GM.dll", "linux-x86_64": "libes_3000gm.so.1.0.0", "macos-x86_64": "libes_3000gm.dylib"},
           ["FS:68388396525", "FS:21271225623", "FS:395287007"], abi=SKF_ABI, notes="default SKF application name ENTERSAFE-ESPK (unverified as universal)"),
    module("feitian.3000gm.skf.szca", "skf", "feitian", {"windows-x86": "ShuttleCsp11_3000GM_SZCA.dll"}, ["NETCA"], ca="SZCA", abi=SKF_ABI),
    module("feitian.3000gm.p11.netca", "pkcs11", "feitian", {"windows-x86": "WZTBIP3000P11.dll"}, ["NETCA"], ca="NETCA"),
    module("longmai.gm3000.skf", "skf", "longmai", {"windows-x86": "mtoken_gm3000.dll", "windows-x86_64": "mtoken_gm3000.dll", "linux-x86_64": "libgm3000.1.0.so", "macos-x86_64": "libgm3000.1.0.dylib"},
           ["NETCA", "FS:68388396525", "FS:12150458410", "FS:69023012092"],
           search={"windows": ["%SystemRoot%\\System32", "%SystemRoot%\\SysWOW64"], "linux": ["/opt/lm-gm3000admin/lib", "/opt/lm-gm3000user/lib"]}, abi=SKF_ABI,
           bad=[{"version": "2022", "reason": "the 2022 build no longer enumerates the old GM3000 (055C:DB08); exact version number unverified"}]),
    module("longmai.gm3000.p11", "pkcs11", "longmai", {"windows-x86": "gm3000_pkcs11.dll", "linux-x86_64": "libgm3000_pkcs11.so", "macos-x86_64": "libgm3000_pkcs11.dylib"},
           ["FS:12150458410", "FS:12257846574"], search={"linux": ["/opt/lm-gm3000admin/lib", "/opt/lm-gm3000user/lib", "/usr/lib64"]}, abi=CDECL,
           notes="SM2 mechanism numbers unverified"),
    module("longmai.gm3000.skf.bjca", "skf", "longmai", {"windows-x86": "gm3k_for_bjca.dll"}, ["FS:41921672865"], ca="BJCA", abi=SKF_ABI),
    module("watchdata.wdpkcs", "pkcs11", "watchdata", {"windows-x86": "WDPKCS.dll", "linux-x86_64": "libwdpkcs.so", "macos-x86_64": "libwdpkcs.dylib"},
           ["FS:1375357029", "FS:70178880176"], abi=CDECL, notes="Brazil ICP build /usr/lib/watchdata/ICP/lib/libwdpkcs_icp.so; China builds unverified"),
    module("haitai.htpkcs11", "pkcs11", "haitai", {"windows-x86": "HtPkcs11.dll"}, ["NETCA", "HTB"],
           sm2={"CKK_SM2": "0x00010001", "CKM_SM2_SIGN_VERIFY": "0x00010002", "CKM_SM2_SM3_SIGN_VERIFY": "0x00010004", "CKM_SM3": "0x00010005"},
           notes="SM2 numbers from the Haitai browser's header; they collide with the standard range"),
    module("haitai.skfapi20524", "skf", "haitai", {"windows-x86": "SKFAPI20524.dll"}, ["NETCA", "FS:41921672865"], ca="NETCA", abi=SKF_ABI,
           notes="the numeric suffix is per customer build; SKFAPI20079.dll also seen"),
    module("excelsecu.sjk1217.skf", "skf", "excelsecu", {"windows-x86": "SJK1217SKF.dll"}, ["NETCA"], abi=SKF_ABI),
    module("excelsecu.sjk1217.p11", "pkcs11", "excelsecu", {"windows-x86": "SJK1217Pkcs.dll"}, ["NETCA"]),
    module("linguo.lgu3073", "skf", "linguo", {"windows-x86": "lgu3073_p1514_gm.dll"}, ["FS:41921672865", "FS:69145119778"], abi=SKF_ABI),
]

packages = [
    {"id": "longmai.lm-gm3000admin.linux", "vendor": "longmai", "models": ["longmai.gm3000"], "modules": ["longmai.gm3000.skf", "longmai.gm3000.p11"],
     "format": "deb", "platforms": ["linux-x86_64"], "verified": False, "sources": ["FS:12150458410"],
     "notes": "also as rpm; installs /etc/udev/rules.d/90-lm-mtoken-admin.rules and an xdg autostart entry; hashes unknown"},
]

portals = [
    {"id": "demo.portal", "names": N("KeyBridge 演示门户", "KeyBridge demo portal", "Portal de demostración de KeyBridge"),
     "origins": ["http://localhost:18080"], "allowedOperations": ["status", "certificates", "authenticate", "bind-certificate"],
     "trustedIssuers": ["demo.social-security-ca", "demo.tax-ca"], "dev": True, "verified": True, "sources": ["DEMO"],
     "notes": "served only in development mode (serve --dev, devMode)"},
    {"id": "shebao.online-hall", "names": N("社保网上服务大厅", "Social security online service hall", "Oficina virtual de la seguridad social"),
     "origins": [], "allowedOperations": ["status", "certificates", "authenticate", "bind-certificate"],
     "trustedIssuers": ["guoxin"], "verified": False, "sources": ["BRIEF"], "notes": "origin to be filled from the real portal by a signed portal list"},
]

def quirk(i, desc, srcs, models_=None, modules_=None, work=None):
    q = {"id": i, "description": desc, "models": models_ or [], "modules": modules_ or [], "sources": srcs}
    if work: q["workaround"] = work
    return q

quirks = [
    quirk("longmai-old-model-dropped", N("旧款 GM3000（055C:DB08，光盘模式）只被 2016 年的 SKF 中间件识别，2022 年版本找不到设备。",
          "The old GM3000 (055C:DB08, CD-ROM form) is enumerated only by the 2016 SKF middleware; the 2022 build finds no device.",
          "El GM3000 antiguo (055C:DB08, modo CD-ROM) solo lo enumera el middleware SKF de 2016; la versión de 2022 no encuentra el dispositivo."),
          ["FS:69023012092"], models_=["longmai.gm3000-old"], modules_=["longmai.gm3000.skf"],
          work=N("为该型号保留旧版驱动。", "Keep the older driver for this model.", "Conserve el controlador antiguo para este modelo.")),
    quirk("generic-cypress-vidpid", N("04B4:1234 是 Cypress 的通用 ID，不能单凭它选择模块。", "04B4:1234 is Cypress' generic ID; never pick a module by it alone.",
          "04B4:1234 es el ID genérico de Cypress; no elija un módulo solo por él."), ["NETCA", "USBIDS"], models_=["mingwah.ekey"],
          work=N("用 ATR 或模块探测确认。", "Confirm with the ATR or a module probe.", "Confírmelo con el ATR o probando el módulo.")),
    quirk("skf-ulong-width", N("SKF 的 ULONG 可能是 32 位（标准）或本机 long（LP64 Linux 上 64 位），取决于厂商构建。",
          "SKF's ULONG may be 32-bit (the standard) or a native long (64-bit on LP64 Linux), depending on the vendor's build.",
          "El ULONG de SKF puede ser de 32 bits (la norma) o un long nativo (64 bits en Linux LP64), según la compilación del fabricante."), ["GMSSL"]),
    quirk("sm2-default-id", N("SM2 签名的用户 ID 应明确传入 1234567812345678；旧版 Bouncy Castle 默认为空。",
          "Pass the SM2 user ID 1234567812345678 explicitly; old Bouncy Castle versions defaulted to an empty one.",
          "Pase explícitamente el ID de usuario SM2 1234567812345678; las versiones antiguas de Bouncy Castle usaban uno vacío."), ["BC"]),
    quirk("pkcs11-sm2-codes-vary", N("各厂商 PKCS#11 的 SM2 机制号互不兼容（0x8000xxxx 系列与 0x0001xxxx 系列），需按模块映射。",
          "Vendors' PKCS#11 SM2 mechanism numbers differ (the 0x8000xxxx family vs 0x0001xxxx); map them per module.",
          "Los números de mecanismo SM2 de PKCS#11 difieren entre fabricantes (familia 0x8000xxxx frente a 0x0001xxxx); asígnelos por módulo."),
          ["XIPKI", "HTB"], modules_=["haitai.htpkcs11"]),
    quirk("ca-specific-builds", N("同一硬件随不同 CA 提供专用驱动版本（…_for_bjca、…_SZCA、SKFAPI<编号>）。",
          "The same hardware ships with CA-specific driver builds (…_for_bjca, …_SZCA, SKFAPI<nnnnn>).",
          "El mismo hardware se entrega con compilaciones del controlador propias de cada CA (…_for_bjca, …_SZCA, SKFAPI<nnnnn>)."),
          ["FS:41921672865", "NETCA"], models_=["feitian.epass3000gm", "longmai.gm3000"]),
]

catalog = {"document": "catalog", "schemaVersion": 1, "sequence": 1, "published": "2026-11-27", "sources": sources,
           "vendors": vendors, "caIssuers": issuers, "tokenModels": models, "modules": modules, "driverPackages": packages,
           "portals": portals, "quirks": quirks}
print(json.dumps(catalog, ensure_ascii=False, indent=1))
