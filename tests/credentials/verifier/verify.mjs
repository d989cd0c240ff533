// An independent check of credentials the platform issues, with Digital Bazaar's libraries, offline.
//
//   node verify.mjs --credential FILE --did FILE --contexts DIR [--status-list FILE]
//
// The document loader serves only the four pinned context files from DIR, the issuer's DID document
// (and its keys) from the --did file, and the status list credential from --status-list: nothing is
// fetched from the network. Prints {"verified": bool, "revoked": bool|null, "error": string|null}.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const CONTEXT_FILES = {
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'ob-v3p0-context-3.0.3.json',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
};

function parseArguments(argv) {
  const options = {};
  for(let i = 0; i < argv.length; i += 2) {
    options[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for(const required of ['credential', 'did', 'contexts']) {
    if(!options[required]) {
      throw new Error(`missing --${required}`);
    }
  }
  return options;
}

const readJson = path => JSON.parse(readFileSync(path, 'utf8'));

function makeDocumentLoader({contexts, didDocument, statusList}) {
  return async url => {
    if(CONTEXT_FILES[url]) {
      const document = readJson(join(contexts, CONTEXT_FILES[url]));
      return {contextUrl: null, documentUrl: url, document};
    }
    const [base, fragment] = url.split('#');
    if(base === didDocument.id) {
      if(!fragment) {
        return {contextUrl: null, documentUrl: url, document: didDocument};
      }
      const method = didDocument.verificationMethod.find(vm => vm.id === url);
      if(method) {
        const document = {'@context': didDocument['@context'], ...method};
        return {contextUrl: null, documentUrl: url, document};
      }
    }
    if(statusList && url === statusList.id) {
      return {contextUrl: null, documentUrl: url, document: statusList};
    }
    throw new Error(`not available offline: ${url}`);
  };
}

// Bitstring Status List: multibase base64url ("u") of the GZIP of the bits; index 0 is the leftmost bit.
function bitIsSet(encodedList, index) {
  if(!encodedList.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url');
  }
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if(index < 0 || index >= bits.length * 8) {
    throw new Error(`statusListIndex ${index} is outside the list`);
  }
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

function makeCheckStatus({statusList, suite, documentLoader}) {
  return async ({credential}) => {
    const entry = credential.credentialStatus;
    if(!statusList) {
      // Without the list there is nothing to check offline; the platform's own verifier checks it.
      return {verified: true, revoked: null};
    }
    if(entry.type !== 'BitstringStatusListEntry' || entry.statusListCredential !== statusList.id) {
      return {verified: false, error: new Error('the status entry does not point to the given list')};
    }
    const listResult = await vc.verifyCredential({credential: statusList, suite, documentLoader});
    if(!listResult.verified) {
      return {verified: false, error: new Error('the status list credential does not verify')};
    }
    const issuerId = c => (typeof c.issuer === 'object' ? c.issuer.id : c.issuer);
    if(issuerId(statusList) !== issuerId(credential)) {
      return {verified: false, error: new Error('the status list is not the issuer\'s')};
    }
    const revoked = bitIsSet(statusList.credentialSubject.encodedList, parseInt(entry.statusListIndex, 10));
    return {verified: !revoked, revoked};
  };
}

function firstError(result) {
  const errors = [];
  const collect = value => {
    if(!value) {
      return;
    }
    if(Array.isArray(value)) {
      value.forEach(collect);
    } else if(value.message) {
      errors.push(value.message);
    }
  };
  collect(result.error);
  for(const item of result.results || []) {
    collect(item.error);
  }
  collect(result.statusResult && result.statusResult.error);
  return errors.length ? errors.join('; ') : (result.verified ? null : 'not verified');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const credential = readJson(options.credential);
  const didDocument = readJson(options.did);
  const statusList = options['status-list'] ? readJson(options['status-list']) : null;
  const documentLoader = makeDocumentLoader({contexts: options.contexts, didDocument, statusList});
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  const checkStatus = makeCheckStatus({statusList, suite, documentLoader});
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  const revoked = result.statusResult ? (result.statusResult.revoked ?? null) : null;
  console.log(JSON.stringify({verified: result.verified, revoked, error: firstError(result)}));
}

main().catch(error => {
  console.log(JSON.stringify({verified: false, revoked: null, error: error.message}));
  process.exitCode = 2;
});
