"""Key pairs for RS256 and ES256 tokens, and the JWKS that publishes their public halves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass
class Signer:
    algorithm: str
    key_id: str
    private: PrivateKey = field(repr=False)

    @classmethod
    def new(cls, algorithm: str, key_id: str) -> Signer:
        private: PrivateKey = (
            rsa.generate_private_key(public_exponent=65537, key_size=2048)
            if algorithm == "RS256"
            else ec.generate_private_key(ec.SECP256R1())
        )
        return cls(algorithm, key_id, private)

    def jwk(self) -> dict[str, Any]:
        public = self.private.public_key()
        if isinstance(public, rsa.RSAPublicKey):
            fields = RSAAlgorithm.to_jwk(public, as_dict=True)
        else:
            fields = ECAlgorithm.to_jwk(public, as_dict=True)
        return {**fields, "kid": self.key_id, "alg": self.algorithm, "use": "sig"}

    def token(self, claims: dict[str, Any], key_id: str | None = None) -> str:
        headers = {"kid": key_id or self.key_id}
        return jwt.encode(claims, self.private, algorithm=self.algorithm, headers=headers)

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def private_pem(self) -> str:
        return self.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()


def jwks(*signers: Signer) -> str:
    return json.dumps({"keys": [signer.jwk() for signer in signers]})
