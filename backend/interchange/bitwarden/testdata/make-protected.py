#!/usr/bin/env python3
# Writes bitwarden-protected.json: bitwarden.json sealed as Bitwarden's
# password-protected export, with Python and the openssl command only, so
# the Go parser is checked against code it shares nothing with.
# Password "correct horse"; fixed IVs so the output is reproducible.
import base64, hashlib, hmac, json, subprocess

password, salt, iterations = b"correct horse", "c2FsdHNhbHRzYWx0c2FsdA==", 5000
master = hashlib.pbkdf2_hmac("sha256", password, salt.encode(), iterations, 32)
expand = lambda info: hmac.new(master, info + b"\x01", hashlib.sha256).digest()  # HKDF-Expand, one block
enc, mac = expand(b"enc"), expand(b"mac")

def seal(plain, iv):
    ct = subprocess.run(["openssl", "enc", "-aes-256-cbc", "-K", enc.hex(), "-iv", iv.hex()],
                        input=plain, capture_output=True, check=True).stdout
    tag = hmac.new(mac, iv + ct, hashlib.sha256).digest()
    b64 = lambda x: base64.b64encode(x).decode()
    return "2." + b64(iv) + "|" + b64(ct) + "|" + b64(tag)

doc = {"encrypted": True, "passwordProtected": True, "salt": salt, "kdfType": 0,
       "kdfIterations": iterations, "kdfMemory": None, "kdfParallelism": None,
       "encKeyValidation_DO_NOT_EDIT": seal(b"4f0c2a3e-8b1d-4c6e-9a7f-1e2d3c4b5a69", bytes(range(16))),
       "data": seal(open("bitwarden.json", "rb").read(), bytes(range(16, 32)))}
open("bitwarden-protected.json", "w").write(json.dumps(doc, indent=2) + "\n")
