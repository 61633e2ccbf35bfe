import { iamInputs } from '../protocols/inputShapes';
import { type QueryService } from '../services/service';
import { type IamState } from './iamRecords';
import { roleOperations } from './roleOperations';

/** IAM (awsQuery, XML): roles and their inline policies, what the wizards list, create and roll back. */
export function createIamService(state: () => IamState): QueryService {
  return {
    protocol: 'query',
    name: 'iam',
    signingName: 'iam',
    version: '2010-05-08',
    xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    operations: roleOperations(state),
    inputs: iamInputs,
  };
}
