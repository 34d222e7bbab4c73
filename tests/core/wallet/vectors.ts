/** Test vectors from shared/reference/bittensor.md §4 (upstream btwallet tests, and self-generated). */
export const UPSTREAM = {
  mnemonic: 'old leopard transfer rib spatial phone calm indicate online fire caution review',
  ss58Address: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
  publicKey: '0xe4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446',
  /** btwallet's canonical form. */
  privateKey:
    '0x1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
  /** The same secret in polkadot-js / @scure form (scalar times 8). */
  privateKeyEd25519Form:
    '0xf8c8a8ec9d0fdd031353337936af279bbda106b3ba0d45d920334eaa9664d6569cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e',
  secretSeed: '0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143',
};

export const URI_VECTORS: [string, string][] = [
  [`${UPSTREAM.mnemonic}//Alice`, '5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN'],
  [`${UPSTREAM.mnemonic}/Alice`, '5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i'],
  ['//Alice', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'],
  ['//Bob/test', '5CJGwWiKXSE16WJaxBdPZhWqUYkotgenLUALv7ZvqQ4TXeqf'],
  ['/Bob//test', '5Cwc8tShrshDJUp1P1M21dKUTcYQpV9GcfSa4hUBNmMdV3Cx'],
  [
    '//PathNameLongerThan32BytesWhichShouldBeHashed',
    '5GR5pfZeNs1uQiSWVxZaQiZou3wdZiX894eqgvfNfHbEh7W2',
  ],
];

/** Self-generated with libsodium 1.0.18: Argon2i13(t=8, m=512 MiB, p=1) and a fixed nonce. */
export const NACL = {
  password: 'thisisafakepassword',
  key: 'a17c46ecafdd501ecb1da0651d35abfecf60df14bffa8e949f58aaecd75cb3c8',
  nonce: '000102030405060708090a0b0c0d0e0f1011121314151617',
  hello:
    '244e41434c000102030405060708090a0b0c0d0e0f1011121314151617bbb4ca8428a536e8d41a2bf53cdbbfc3bb5f8460c9',
  /** The upstream key's full keyfile JSON (553 bytes), sealed: a 598-byte coldkey. */
  keyfile:
    '244e41434c000102030405060708090a0b0c0d0e0f1011121314151617c5ab49f7870210c7eae39c128317e817a818896fc58b9615756ca8f833ae2d83283a2d675679d45b5e21dde5ef5e09e25aaf18f2a616e41dc04774f71164729a0349db935e93b3b575d00723f6cb556c1b7be0330f37e355e52c7b2d1704067c7a25047189d75e560b1e89d390036dda00e2f5ad2f0f82d1921bdd690c47c98512a62cb8323f10070d26205b4e12d34340b3cbbab6249301cb013fb1055367a66830015da7997dc52a8e50e6e53723d17ef35d7efcdd7af15f1a532917736fbf9c8ce4fbd97099c9fc756d43f01bd7a1d9cbc4ef4f1a759e53e72a79b786891a2014f32e9db25b377ac4067803f43201c20f91d6dd1ad19a5a725bf26416a131c2fa9f9914593fdf92499f66207644a5595a31646f6d7efc65ce7d3db1923c5064e4fdf60e9a9817fb4f8cf9c0583d194d24c6c0f907e60445bade90e6aff202866b79fef212a8fd9991732de5ac8fa35a4b4167f9123a2c63943ceeeee0d19141861b699f5e4d8c3b284fddbea975e1c2eedbeee3d6dee6133ea5b6a423d6c81a549e11d8e386198576df2ace9bf966c5aa019a94a71879018ac7eaaf7a79a9a510624fb4d1c113fef33b0ffc928ad12de702f7e8eaecfaca48fbe7e80a44a2422718e260ba81329f182f0c3ee9c19229046708cdb519a4ec1d1bb4a3abbd63dcf59eb73e2d1eebe883728fa0d8b20686807cefaf46ca6a50ae2db37ee5215ab4ecdd72ff94e4d22fbcdb3ea01792007cc19043f874f29a97b9e68295e10e64ff06c360cd1c52cba5fdcdfcfaf21550bf6957ef232852ef44',
};

/** Self-generated with Python `cryptography` 48: old bittensor's Fernet coldkey. */
export const FERNET = {
  password: 'thisisafakepassword',
  token:
    'gAAAAABfXhAAAAECAwQFBgcICQoLDA0OD2vxkhhKdQUL5TMMdOm4i22z0E_4ByN3gsnnyGKUnQtLB3Tz5Vv-NIJHJieGKNB0SKgSZZYo3NuxOO3MGl9tn92_bj0VQuqIVHdu8CPTdKN6lG27OJGdcaydI-xOiQt_gK1YXpL6sRc27Q0YG-5x1GvGlKlq1fTqGHxQ297VpFhG',
  plaintext: '{"secretSeed":"0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143"}',
};

/** ansible/ansible test/units/parsing/vault/test_vault.py, test_encrypt_decrypt_aes256_existing_vault. */
export const ANSIBLE = {
  password: 'test-vault-password',
  vault: [
    '$ANSIBLE_VAULT;1.1;AES256',
    '33363965326261303234626463623963633531343539616138316433353830356566396130353436',
    '3562643163366231316662386565383735653432386435610a306664636137376132643732393835',
    '63383038383730306639353234326630666539346233376330303938323639306661313032396437',
    '6233623062366136310a633866373936313238333730653739323461656662303864663666653563',
    '3138',
  ].join('\n'),
  plaintext: 'Setec Astronomy',
};
