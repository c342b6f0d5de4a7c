import { SqlCapture } from './sql-capture';

// Fails an e2e file when one of its apps sent an unscoped statement (see SqlCapture). A root hook:
// it runs after the afterAll hooks of the file's describe blocks, where the apps are closed; a
// file's own top-level afterAll runs after it, and still runs when this one throws.
afterAll(() => SqlCapture.reportAll());
